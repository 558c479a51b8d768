package dev.jk8s.kubelet.logs;

import dev.jk8s.client.Tls;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS of the kubelet's log endpoint: its serving certificate, and the CA whose client certificates
 * it requires, so that only the apiserver (which holds one) can read logs. PEM files (keys PKCS#8)
 * as {@code bin/lib/pki.sh} makes them. Immutable.
 */
public record ServingTls(Path certFile, Path keyFile, Path clientCaFile) {

    public ServingTls {
        Objects.requireNonNull(certFile);
        Objects.requireNonNull(keyFile);
        Objects.requireNonNull(clientCaFile);
    }

    /** @throws IllegalArgumentException naming a file that cannot be read or used */
    SslContext context() {
        return Tls.serverRequiringClients(certFile, keyFile, clientCaFile);
    }
}
