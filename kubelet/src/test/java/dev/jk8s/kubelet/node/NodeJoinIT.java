package dev.jk8s.kubelet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Reason;
import dev.jk8s.api.auth.BootstrapToken;
import dev.jk8s.api.auth.TokenHash;
import dev.jk8s.api.core.Node;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.AccessCheck;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectOptions;
import dev.jk8s.testkit.EtcdServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A kubelet's join against a real apiserver with authentication on and a real etcd. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NodeJoinIT {

    static final String ADMIN = "admin-token-0123456789abcdef0123456789abcdef";

    @TempDir
    static Path dir;
    static EtcdServer etcd;
    static ApiServer apiserver;
    static ApiClient admin;
    static String target;

    @BeforeAll
    static void start() throws Exception {
        etcd = new EtcdServer();
        etcd.start();
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, TokenHash.of(ADMIN) + ",admin,uid-admin,\"system:masters\"\n");
        apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0).withAuth(ApiServer.Auth.tokens(tokens)));
        target = "127.0.0.1:" + apiserver.port();
        admin = ApiClient.connect(target, ConnectOptions.DEFAULT.withBearerToken(ADMIN));
        // the default roles (bootstrappers may ask for a node credential) are in the caches a moment after start
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> admin.reviewAccess(new AccessCheck("create",
                "nodecredentials", "", null, null, "system:bootstrap:x", List.of("system:bootstrappers"))).allowed());
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (apiserver != null) {
            apiserver.close();
        }
        etcd.close();
    }

    /** A bootstrap token, returned once the apiserver's cache knows it (when it is still valid). */
    static String bootstrapToken(String id, Instant expiration) {
        String token = id + ".0123456789abcdef";
        admin.resource(Kinds.SECRET).create(BootstrapToken.secret(token, expiration, "NodeJoinIT"));
        if (expiration.isAfter(Instant.now())) {
            try (ApiClient bootstrap = ApiClient.connect(target, ConnectOptions.DEFAULT.withBearerToken(token))) {
                await().atMost(Duration.ofSeconds(5)).until(() -> !refused(bootstrap));
            }
        }
        return token;
    }

    static Node register(ConnectOptions options, String name) {
        try (ApiClient node = ApiClient.connect(target, options)) {
            return node.resource(Kinds.NODE).create(new Node(ObjectMeta.builder().name(name).build(), null));
        }
    }

    @Test
    void anExpiredBootstrapTokenCannotJoin() {
        String expired = bootstrapToken("expird", Instant.now().minusSeconds(60));
        Path file = dir.resolve("expired/credential.token");

        assertThatThrownBy(() -> NodeJoin.credentials(target, ConnectOptions.DEFAULT, "late", file, expired))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the apiserver refused the bootstrap token (unknown, expired or deleted); make a new one with"
                        + " `jctl token create` and pass it with --bootstrap-token-file");
        assertThat(file).doesNotExist();
    }

    @Test
    void aJoinedNodeKeepsWorkingAsItselfAfterItsBootstrapTokenExpiredAndAfterARestart() throws Exception {
        String token = bootstrapToken("valid1", Instant.now().plusSeconds(8));
        Path file = dir.resolve("joined/credential.token");

        ConnectOptions joined = NodeJoin.credentials(target, ConnectOptions.DEFAULT, "joined", file, token);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).isEqualTo(joined.bearerToken()).isNotEqualTo(token);
        register(joined, "joined");
        assertThatThrownBy(() -> register(joined, "someone-else")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));

        try (ApiClient bootstrap = ApiClient.connect(target, ConnectOptions.DEFAULT.withBearerToken(token))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> refused(bootstrap));
        }
        // a restart: the saved credential, not the (now expired) bootstrap token
        ConnectOptions restarted = NodeJoin.credentials(target, ConnectOptions.DEFAULT, "joined", file, token);
        assertThat(restarted.bearerToken()).isEqualTo(joined.bearerToken());
        try (ApiClient node = ApiClient.connect(target, restarted)) {
            Node n = node.resource(Kinds.NODE).get(null, "joined");
            node.resource(Kinds.NODE).updateStatus(n);
        }
    }

    @Test
    void aRevokedCredentialNeedsABootstrapTokenToJoinAgain() throws Exception {
        Path file = dir.resolve("revoked/credential.token");
        ConnectOptions first = NodeJoin.credentials(target, ConnectOptions.DEFAULT, "revoked",
                file, bootstrapToken("valid2", Instant.now().plusSeconds(60)));

        admin.resource(Kinds.SECRET).delete("kube-system", "node-credential-revoked");
        await().atMost(Duration.ofSeconds(5)).until(() -> refusedCredential(first));

        assertThatThrownBy(() -> NodeJoin.credentials(target, ConnectOptions.DEFAULT, "revoked", file, null))
                .hasMessage("the apiserver refused the node's credential in " + file + " (revoked, or another cluster's);"
                        + " pass a bootstrap token (jctl token create) to join again");
        ConnectOptions again = NodeJoin.credentials(target, ConnectOptions.DEFAULT, "revoked", file,
                bootstrapToken("valid3", Instant.now().plusSeconds(60)));
        assertThat(again.bearerToken()).isNotEqualTo(first.bearerToken());
        register(again, "revoked");
    }

    private static boolean refused(ApiClient bootstrap) {
        try {
            bootstrap.reviewAccess(new AccessCheck("get", "nodes", "", null, null, null, List.of()));
            return false;
        } catch (ApiException e) {
            return e.reason() == Reason.UNAUTHORIZED;
        }
    }

    private static boolean refusedCredential(ConnectOptions options) {
        try (ApiClient c = ApiClient.connect(target, options)) {
            c.resource(Kinds.NODE).list(null);
            return false;
        } catch (ApiException e) {
            return e.reason() == Reason.UNAUTHORIZED;
        }
    }
}
