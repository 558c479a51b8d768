package dev.jk8s.apiserver;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The apiserver's TLS flags, Kubernetes' names: the serving certificate (required: the process never
 * serves plaintext) and the kubelets' CA and client certificate. A picocli mixin of {@link Main}.
 */
final class TlsFlags {

    private static final String MADE_BY = "bin/cluster up makes them in run/pki";

    @Option(names = "--tls-cert-file", paramLabel = "FILE",
            description = "The gRPC API's certificate (PEM); required, the API is served over TLS only.")
    Path certFile;

    @Option(names = "--tls-private-key-file", paramLabel = "FILE", description = "Its private key (PEM, PKCS#8); required.")
    Path keyFile;

    @Option(names = "--kubelet-certificate-authority", paramLabel = "FILE",
            description = "The CA that signed the kubelets' serving certificates; without it kubelets' logs are read in plaintext.")
    Path kubeletCa;

    @Option(names = "--kubelet-client-certificate", paramLabel = "FILE",
            description = "The certificate the apiserver shows kubelets (they accept only their client CA's).")
    Path kubeletClientCert;

    @Option(names = "--kubelet-client-key", paramLabel = "FILE", description = "Its private key (PEM, PKCS#8).")
    Path kubeletClientKey;

    /** The TLS options these flags give; a usage error naming the missing flag when they do not fit together. */
    ApiServerTls tls(CommandSpec spec) {
        require(spec, certFile, "--tls-cert-file", "the apiserver serves its API over TLS only; " + MADE_BY
                + " (apiserver.crt, apiserver.key)");
        require(spec, keyFile, "--tls-private-key-file", "it goes with --tls-cert-file; " + MADE_BY);
        if (kubeletClientCert != null || kubeletClientKey != null) {
            require(spec, kubeletClientCert, "--kubelet-client-certificate", "it goes with --kubelet-client-key; " + MADE_BY);
            require(spec, kubeletClientKey, "--kubelet-client-key", "it goes with --kubelet-client-certificate; " + MADE_BY);
            require(spec, kubeletCa, "--kubelet-certificate-authority", "a kubelet client certificate is shown over TLS only,"
                    + " which needs the kubelets' CA; " + MADE_BY + " (ca.crt)");
        }
        return new ApiServerTls(certFile, keyFile, kubeletCa, kubeletClientCert, kubeletClientKey);
    }

    private static void require(CommandSpec spec, Path value, String flag, String why) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '" + flag + "': " + why);
        }
    }
}
