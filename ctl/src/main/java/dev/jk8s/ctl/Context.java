package dev.jk8s.ctl;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * What a command works with: the streams, the clock, the resolved server and namespace, and
 * clients of the apiserver (connected on first use). One per run; not thread-safe. Commands
 * get it from the root command, never build their own, so that tests can hand in fakes
 * through {@link Environment}.
 */
public final class Context implements AutoCloseable {

    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:/]+:\\d{1,5}|\\[[0-9a-fA-F:.]+]:\\d{1,5}");

    private final Environment env;
    private final GlobalOptions options;
    private CtlConfig config;
    private Clients clients;

    public Context(Environment env, GlobalOptions options) {
        this.env = env;
        this.options = options;
    }

    public PrintStream out() {
        return env.out();
    }

    public PrintStream err() {
        return env.err();
    }

    public InputStream in() {
        return env.in();
    }

    public Clock clock() {
        return env.clock();
    }

    public boolean verbose() {
        return options.verbose();
    }

    /** {@code --server}, else the config file's, else {@link GlobalOptions#DEFAULT_SERVER}; always host:port. */
    public String server() {
        String s = options.server() != null ? options.server()
                : config().serverOpt().orElse(GlobalOptions.DEFAULT_SERVER);
        if (!HOST_PORT.matcher(s).matches()) {
            String from = options.server() != null ? "--server" : "the server in " + config().file();
            throw new CtlException(from + " is \"" + s + "\", which is not HOST:PORT; use e.g. " + GlobalOptions.DEFAULT_SERVER);
        }
        return s;
    }

    /** {@code --token}, else the config file's token, else null (send none). */
    public String token() {
        return options.token() != null ? options.token() : config().tokenOpt().orElse(null);
    }

    /** {@code --certificate-authority}, else the config file's, else null (plaintext). */
    public Path certificateAuthority() {
        return options.certificateAuthority() != null ? options.certificateAuthority()
                : config().certificateAuthorityOpt().orElse(null);
    }

    /** {@code -n}, else the config file's namespace, else {@code default}. */
    public String namespace() {
        return options.namespace() != null ? options.namespace()
                : config().namespaceOpt().orElse(GlobalOptions.DEFAULT_NAMESPACE);
    }

    /** Whether {@code -n} was given: then a manifest's own namespace must agree with it. */
    public boolean namespaceExplicit() {
        return options.namespace() != null;
    }

    public <T extends ApiObject> KindClient<T> client(Kind<T> kind) {
        return clients().of(kind);
    }

    public Clients clients() {
        if (clients == null) {
            clients = env.connector().apply(new ServerAccess(server(), token(), certificateAuthority()));
        }
        return clients;
    }

    /** The server to name in messages; never fails, unlike {@link #server()}. */
    public String serverForMessages() {
        if (clients != null) {
            return clients.server();
        }
        try {
            return server();
        } catch (RuntimeException e) {
            return options.server() != null ? options.server() : GlobalOptions.DEFAULT_SERVER;
        }
    }

    private CtlConfig config() {
        if (config == null) {
            config = CtlConfig.load(CtlConfig.location(env.variables()));
        }
        return config;
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
    }
}
