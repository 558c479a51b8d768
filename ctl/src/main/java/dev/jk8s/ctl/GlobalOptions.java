package dev.jk8s.ctl;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, before or after the command name ({@code jctl -n ns get ..}
 * and {@code jctl get .. -n ns} mean the same). Mixed into the root command with inherited
 * scope, so that picocli sets this one instance wherever the option appears.
 */
public final class GlobalOptions {

    public static final String DEFAULT_SERVER = "127.0.0.1:6443";
    public static final String DEFAULT_NAMESPACE = "default";

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
            description = "The apiserver's address (default: the config file's server, else " + DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "Bearer token to authenticate with (default: the config file's token).")
    String token;

    @Option(names = "--certificate-authority", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The cluster CA (PEM): speak TLS and trust only it (default: the config file's certificate-authority,"
                    + " else plaintext).")
    Path certificateAuthority;

    @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT, paramLabel = "NAMESPACE",
            description = "The namespace to work in (default: the config file's namespace, else " + DEFAULT_NAMESPACE + ").")
    String namespace;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    public String server() {
        return server;
    }

    public String token() {
        return token;
    }

    public Path certificateAuthority() {
        return certificateAuthority;
    }

    public String namespace() {
        return namespace;
    }

    public boolean verbose() {
        return verbose;
    }
}
