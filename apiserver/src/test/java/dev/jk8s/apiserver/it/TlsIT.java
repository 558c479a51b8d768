package dev.jk8s.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.apiserver.ApiServerTls;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.Pki;
import dev.jk8s.testkit.TestObjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The apiserver's gRPC API over TLS with the certificates {@code bin/cluster} makes (bin/lib/pki.sh),
 * real etcd behind: a client trusting the cluster CA works; a plaintext client and a client trusting
 * another CA are refused, each with a message saying why.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsIT {

    static final Pki PKI = Pki.cluster();
    static EtcdServer etcd;
    static ApiServer apiserver;
    static String address;

    @BeforeAll
    static void start() throws Exception {
        etcd = new EtcdServer().start();
        apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0)
                .withTls(ApiServerTls.serving(PKI.apiserverCert(), PKI.apiserverKey())));
        address = "127.0.0.1:" + apiserver.port();
    }

    @AfterAll
    static void stop() {
        apiserver.close();
        etcd.close();
    }

    @Test
    void aClientTrustingTheClusterCaWritesAndReads() {
        try (ApiClient client = connect(ConnectOptions.DEFAULT.withCertificateAuthority(PKI.ca()))) {
            client.resource(Kinds.CONFIG_MAP).create(TestObjects.of(Kinds.CONFIG_MAP, "default", "tls"));

            ConfigMap read = client.resource(Kinds.CONFIG_MAP).get("default", "tls");

            assertThat(read.metadata().name()).isEqualTo("tls");
        }
    }

    @Test
    void aPlaintextClientIsRefusedAndToldToSpeakTls() {
        assertRefused(ConnectOptions.DEFAULT, "cannot connect to the apiserver at " + address + ": it closed the connection"
                + " unanswered, as a TLS server does to a plaintext client; give this client the cluster's CA"
                + " (certificate-authority)");
    }

    @Test
    void aClientTrustingAnotherCaIsRefusedNamingIt() {
        Path otherCa = Pki.other().ca();
        assertRefused(ConnectOptions.DEFAULT.withCertificateAuthority(otherCa), "cannot connect to the apiserver at "
                + address + " over TLS: the server's certificate is not signed by the CA in " + otherCa);
    }

    @Test
    void aMissingKeyFailsTheStartNamingTheFiles() {
        Path missing = PKI.dir().resolve("missing.key");
        ApiServer.Options options = ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0)
                .withTls(ApiServerTls.serving(PKI.apiserverCert(), missing));

        assertThatThrownBy(() -> ApiServer.start(options).close()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot use the serving certificate " + PKI.apiserverCert() + " with key " + missing
                        + ": ").hasMessageEndingWith(" (bin/cluster up makes them in run/pki)");
    }

    private static ApiClient connect(ConnectOptions options) {
        return ApiClient.connect(address, options.withTimeout(Duration.ofSeconds(20)));
    }

    private static void assertRefused(ConnectOptions options, String message) {
        AtomicReference<ApiException> caught = new AtomicReference<>();
        try (ApiClient client = connect(options)) {
            assertThatThrownBy(() -> client.resource(Kinds.CONFIG_MAP).list("default", ListOptions.DEFAULT))
                    .isInstanceOfSatisfying(ApiException.class, caught::set);
        }
        assertThat(caught.get().reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(caught.get().getMessage()).isEqualTo(message);
    }
}
