package dev.jk8s.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.api.auth.TokenHash;
import dev.jk8s.client.AccessCheck;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectOptions;
import dev.jk8s.testkit.EtcdServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A real etcd and an in-process apiserver with authentication on: static users (name → token;
 * "admin" is in system:masters), the audit log in {@code dir}, and clients per token.
 */
final class SecureCluster implements AutoCloseable {

    static final String ADMIN_TOKEN = "admin-token-0123456789abcdef0123456789abcdef";

    final EtcdServer etcd;
    final ApiServer apiserver;
    final ApiClient admin;
    final Path dir;

    private SecureCluster(EtcdServer etcd, ApiServer apiserver, Path dir) {
        this.etcd = etcd;
        this.apiserver = apiserver;
        this.dir = dir;
        this.admin = client(ADMIN_TOKEN);
    }

    /**
     * @param users more static users: name → "token" or "token|group1,group2"
     */
    static SecureCluster start(Path dir, Map<String, String> users) throws IOException {
        EtcdServer etcd = new EtcdServer();
        etcd.start();
        Path tokens = dir.resolve("tokens.csv");
        String lines = users.entrySet().stream().map(e -> {
            String[] tokenAndGroups = e.getValue().split("\\|", 2);
            return TokenHash.of(tokenAndGroups[0]) + "," + e.getKey() + ",uid-" + e.getKey() + ",\""
                    + (tokenAndGroups.length > 1 ? tokenAndGroups[1] : "") + "\"";
        }).collect(Collectors.joining("\n"));
        Files.writeString(tokens, "# users\n" + TokenHash.of(ADMIN_TOKEN) + ",admin,uid-admin,\"system:masters\"\n" + lines + "\n");
        ApiServer apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0)
                .withAuth(ApiServer.Auth.tokens(tokens).withAuditLog(dir.resolve("audit.log"), 1024 * 1024, 2)));
        SecureCluster cluster = new SecureCluster(etcd, apiserver, dir);
        // the default roles are written at start; authorization reads them from the caches
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> cluster.admin.reviewAccess(
                new AccessCheck("update", "pods", "", "default", null, "system:kube-scheduler", List.of())).allowed());
        return cluster;
    }

    /** A client sending {@code token}; null: none. */
    ApiClient client(String token) {
        ConnectOptions options = ConnectOptions.DEFAULT.withTimeout(Duration.ofSeconds(10));
        return ApiClient.connect("127.0.0.1:" + apiserver.port(), token == null ? options : options.withBearerToken(token));
    }

    static void assertRefused(ThrowingCallable call, Reason reason, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Override
    public void close() {
        admin.close();
        apiserver.close();
        etcd.close();
    }
}
