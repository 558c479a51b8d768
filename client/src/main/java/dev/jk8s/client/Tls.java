package dev.jk8s.client;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS contexts for gRPC over Netty, from PEM files (certificates; PKCS#8 keys) such as
 * {@code bin/lib/pki.sh} makes, with the JDK's TLS provider. Stateless; every failure to read a file
 * is an {@link IllegalArgumentException} naming the file and what it was for.
 */
public final class Tls {

    private Tls() {
    }

    /** A client's: trusts only the CA in {@code caFile}; the server's certificate must name the host dialled. */
    public static SslContext client(Path caFile) {
        File ca = readable(caFile, "certificate authority");
        return build("the certificate authority " + caFile, () -> builder(SslContextBuilder.forClient()).trustManager(ca));
    }

    /**
     * A server's that accepts only clients showing a certificate signed by the CA in {@code clientCaFile}
     * (as a kubelet accepts only the apiserver).
     */
    public static SslContext serverRequiringClients(Path certFile, Path keyFile, Path clientCaFile) {
        File cert = readable(certFile, "certificate");
        File key = readable(keyFile, "private key");
        File clientCa = readable(clientCaFile, "client CA");
        return build("the certificate " + certFile + " (key " + keyFile + ", client CA " + clientCaFile + ")",
                () -> builder(SslContextBuilder.forServer(cert, key)).trustManager(clientCa).clientAuth(ClientAuth.REQUIRE));
    }

    private static SslContextBuilder builder(SslContextBuilder b) {
        return GrpcSslContexts.configure(b, SslProvider.JDK);
    }

    private static File readable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read the " + what + " " + file + ": no such file, or not readable"
                    + " by this user (bin/cluster up makes them in run/pki)");
        }
        return file.toFile();
    }

    private interface Builder {
        SslContextBuilder get() throws IOException;
    }

    private static SslContext build(String what, Builder builder) {
        try {
            return builder.get().build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot use " + what + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
