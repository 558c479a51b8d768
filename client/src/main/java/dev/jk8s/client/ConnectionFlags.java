package dev.jk8s.client;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags by which every component reaches the apiserver, as a picocli mixin
 * ({@code @Mixin ConnectionFlags connection;}): {@code --apiserver}, {@code --token-file} and
 * {@code --certificate-authority}.
 * A token file that cannot be read is a usage error naming the file, never its content.
 */
public final class ConnectionFlags {

    @Option(names = "--apiserver", defaultValue = "127.0.0.1:6443", description = "The apiserver, host:port (default: ${DEFAULT-VALUE}).")
    String apiserver;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding this component's bearer token for the apiserver (bin/cluster up writes one per component).")
    Path tokenFile;

    @Option(names = "--certificate-authority", paramLabel = "FILE",
            description = "The CA of the apiserver's certificate: talk to it over TLS, trusting only that CA (without: plaintext).")
    Path certificateAuthority;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    public String apiserver() {
        return apiserver;
    }

    public boolean hasTokenFile() {
        return tokenFile != null;
    }

    /** How to connect: TLS trusting the CA, with the token read from {@code --token-file} now (none without the flag). */
    public ConnectOptions options() {
        try {
            return ConnectOptions.DEFAULT.withCertificateAuthority(certificateAuthority).withTokenFile(tokenFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--token-file: " + e.getMessage());
        }
    }

    /** A client of the apiserver (connecting lazily). */
    public ApiClient connect() {
        return ApiClient.connect(apiserver, options());
    }
}
