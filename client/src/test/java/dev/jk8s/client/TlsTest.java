package dev.jk8s.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.proto.ApiGrpc;
import dev.jk8s.proto.VersionReply;
import dev.jk8s.proto.VersionRequest;
import dev.jk8s.testkit.Pki;
import io.grpc.Server;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client given the cluster's CA speaks TLS, trusts that CA only and checks the server's name; every
 * way that fails is one clear message, and none is retried. The certificates are bin/lib/pki.sh's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTest {

    private static final Pki PKI = Pki.cluster();
    private final List<Server> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(Server::shutdownNow);
    }

    @Test
    void aClientTrustingTheClusterCaTalksToTheApiserverByAddressOrName() throws Exception {
        int port = serve(PKI.apiserverCert(), PKI.apiserverKey());

        assertThat(version("127.0.0.1:" + port, PKI.ca())).isEqualTo("1.2.3");
        assertThat(version("localhost:" + port, PKI.ca())).isEqualTo("1.2.3");
    }

    @Test
    void aClientTrustingAnotherCaIsRefusedSayingSo() throws Exception {
        int port = serve(PKI.apiserverCert(), PKI.apiserverKey());

        assertRefused("127.0.0.1:" + port, Pki.other().ca(), "cannot connect to the apiserver at 127.0.0.1:" + port
                + " over TLS: the server's certificate is not signed by the CA in " + Pki.other().ca());
    }

    @Test
    void aReadThatFailsInTlsIsNotRetried() throws Exception {
        int port = serve(PKI.apiserverCert(), PKI.apiserverKey());

        long start = System.nanoTime();
        try (ApiClient otherCa = ApiClient.connect("127.0.0.1:" + port, ConnectOptions.DEFAULT.withCertificateAuthority(Pki.other().ca()));
             ApiClient plaintext = ApiClient.connect("127.0.0.1:" + port, ConnectOptions.DEFAULT)) {
            assertThatThrownBy(() -> otherCa.resource(Kinds.NAMESPACE).get(null, "default"))
                    .hasMessageContaining("is not signed by the CA in");
            assertThatThrownBy(() -> plaintext.resource(Kinds.NAMESPACE).get(null, "default"))
                    .hasMessageContaining("as a TLS server does to a plaintext client");
        }
        // a retried read would back off 0.2 + 0.4 + 0.8 + 1.6 s
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aCertificateForAnotherAddressIsRefused() throws Exception {
        int port = serve(PKI.kubeletCert("n1"), PKI.kubeletKey("n1")); // names IP 127.0.0.1 only

        assertRefused("localhost:" + port, PKI.ca(), "cannot connect to the apiserver at localhost:" + port
                + " over TLS: the server's certificate is not valid for the address dialled: No name matching localhost found");
    }

    @Test
    void plaintextAndTlsDoNotMix() throws Exception {
        int tls = serve(PKI.apiserverCert(), PKI.apiserverKey());
        int plain = serve(null, null);

        assertRefused("127.0.0.1:" + tls, null, "cannot connect to the apiserver at 127.0.0.1:" + tls + ": it closed the"
                + " connection unanswered, as a TLS server does to a plaintext client; give this client the cluster's CA"
                + " (certificate-authority)");
        assertRefused("127.0.0.1:" + plain, PKI.ca(), "cannot connect to the apiserver at 127.0.0.1:" + plain
                + " over TLS: it does not speak TLS (is it an apiserver of an older build, or another server?)");
    }

    @Test
    void anUnreadableCaFileIsNamed() {
        Path missing = PKI.dir().resolve("nope.crt");
        assertThatThrownBy(() -> ApiClient.connect("127.0.0.1:1", ConnectOptions.DEFAULT.withCertificateAuthority(missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the certificate authority " + missing + ": no such file, or not readable by this"
                        + " user (bin/cluster up makes them in run/pki)");
    }

    private String version(String target, Path ca) {
        try (ApiClient client = ApiClient.connect(target, ConnectOptions.DEFAULT.withCertificateAuthority(ca))) {
            return client.serverVersion().version();
        }
    }

    private void assertRefused(String target, Path ca, String message) {
        AtomicReference<ApiException> caught = new AtomicReference<>();
        assertThatThrownBy(() -> version(target, ca)).isInstanceOfSatisfying(ApiException.class, caught::set);
        assertThat(caught.get().reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(caught.get().getMessage()).isEqualTo(message);
    }

    private int serve(Path cert, Path key) throws Exception {
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new ApiGrpc.ApiImplBase() {
            @Override
            public void version(VersionRequest req, StreamObserver<VersionReply> out) {
                out.onNext(VersionReply.newBuilder().setVersion("1.2.3").build());
                out.onCompleted();
            }
        });
        if (cert != null) {
            b.sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(cert.toFile(), key.toFile()), SslProvider.JDK).build());
        }
        Server server = b.build().start();
        servers.add(server);
        return server.getPort();
    }
}
