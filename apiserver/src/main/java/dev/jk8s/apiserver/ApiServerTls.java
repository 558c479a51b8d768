package dev.jk8s.apiserver;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The apiserver's TLS: the certificate its gRPC API serves, and how it reaches kubelets' log
 * endpoints. PEM files as {@code bin/lib/pki.sh} makes them (keys PKCS#8); read when the apiserver
 * starts; the JDK's TLS provider. Immutable.
 *
 * @param certFile          the serving certificate (chain); it must name every address clients dial
 * @param keyFile           its private key
 * @param kubeletCa         the CA that signed the kubelets' serving certificates; null: kubelets are
 *                          reached in plaintext (tests' stand-in kubelets only)
 * @param kubeletClientCert what the apiserver shows kubelets, which accept only certificates of their
 *                          client CA; with {@code kubeletClientKey}, or both null (no client certificate)
 * @param kubeletClientKey  its private key
 */
public record ApiServerTls(Path certFile, Path keyFile, Path kubeletCa, Path kubeletClientCert, Path kubeletClientKey) {

    public ApiServerTls {
        Objects.requireNonNull(certFile);
        Objects.requireNonNull(keyFile);
        if ((kubeletClientCert == null) != (kubeletClientKey == null)) {
            throw new IllegalArgumentException("the kubelet client certificate and its key come together");
        }
        if (kubeletClientCert != null && kubeletCa == null) {
            throw new IllegalArgumentException("a kubelet client certificate needs the kubelets' CA to speak TLS with");
        }
    }

    /** Serving only; kubelets in plaintext. */
    public static ApiServerTls serving(Path certFile, Path keyFile) {
        return new ApiServerTls(certFile, keyFile, null, null, null);
    }

    /** The kubelets' CA and the client certificate the apiserver shows them. */
    public ApiServerTls withKubeletClient(Path ca, Path clientCert, Path clientKey) {
        return new ApiServerTls(certFile, keyFile, ca, clientCert, clientKey);
    }

    /** @throws IllegalArgumentException naming the files when they cannot be read or do not match */
    SslContext server() {
        return build("the serving certificate " + certFile + " with key " + keyFile,
                () -> GrpcSslContexts.configure(SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile()), SslProvider.JDK));
    }

    /** The context of connections to kubelets; null for plaintext. */
    SslContext kubeletClient() {
        if (kubeletCa == null) {
            return null;
        }
        return build("the kubelet CA " + kubeletCa + (kubeletClientCert == null ? "" : " and client certificate "
                + kubeletClientCert + " with key " + kubeletClientKey), () -> {
            SslContextBuilder b = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                    .trustManager(kubeletCa.toFile());
            return kubeletClientCert == null ? b : b.keyManager(kubeletClientCert.toFile(), kubeletClientKey.toFile());
        });
    }

    private interface Builder {
        SslContextBuilder get() throws IOException;
    }

    private static SslContext build(String what, Builder builder) {
        try {
            return builder.get().build();
        } catch (IOException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("cannot use " + what + ": " + root.getMessage()
                    + " (bin/cluster up makes them in run/pki)", e);
        }
    }
}
