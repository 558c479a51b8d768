package dev.jk8s.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.proto.ApiGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchEvent;
import dev.jk8s.client.WatchHandler;
import dev.jk8s.client.WatchOptions;
import dev.jk8s.testkit.EtcdServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apiserver with authentication on, a real etcd: who gets in with which token, and what the
 * audit log says. (Authorization by RBAC has its own tests.)
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AuthenticationIT {

    static final String ALICE_TOKEN = "alice-token-0123456789abcdef0123456789abcdef";
    static final String ADMIN_TOKEN = SecureCluster.ADMIN_TOKEN;

    @TempDir
    static Path dir;
    static SecureCluster cluster;
    static ApiClient admin;
    static EtcdServer etcd;

    @BeforeAll
    static void start() throws Exception {
        cluster = SecureCluster.start(dir, Map.of("alice", ALICE_TOKEN));
        admin = cluster.admin;
        etcd = cluster.etcd;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static ApiClient client(String token) {
        return cluster.client(token);
    }

    static void assertRefused(ThrowingCallable call, Reason reason, String message) {
        SecureCluster.assertRefused(call, reason, message);
    }

    @Test
    void aCallWithoutATokenOrWithAnUnknownOneIsUnauthorizedWithoutSayingWhy() {
        try (ApiClient none = client(null); ApiClient garbage = client("not-a-token")) {
            assertRefused(() -> none.resource(Kinds.POD).list("default"), Reason.UNAUTHORIZED, "Unauthorized");
            assertRefused(() -> garbage.resource(Kinds.POD).list("default"), Reason.UNAUTHORIZED, "Unauthorized");
            assertRefused(() -> garbage.serverVersion(), Reason.UNAUTHORIZED, "Unauthorized");
            CompletableFuture<ApiException> closed = new CompletableFuture<>();
            try (Watch w = garbage.resource(Kinds.POD).watch("default", WatchOptions.DEFAULT, new WatchHandler<>() {
                @Override
                public void onEvent(WatchEvent<Pod> event) {
                    closed.completeExceptionally(new AssertionError("an event reached an unauthenticated watch"));
                }

                @Override
                public void onClose(ApiException error) {
                    closed.complete(error);
                }
            })) {
                assertThat(closed.join()).satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
                    assertThat(e.getMessage()).isEqualTo("Unauthorized");
                });
            }
        }
    }

    /** Every method of the API, each with no token, a garbage token, and another scheme: UNAUTHENTICATED. */
    @Test
    void everyRpcOfTheApiRefusesACallerThatDoesNotProveWhoItIs() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", cluster.apiserver.port()).usePlaintext().build();
        try {
            List<String> headers = Arrays.asList(null, "Bearer garbage-token", "Basic YWRtaW46YWRtaW4=", "Bearer ");
            for (MethodDescriptor<?, ?> m : ApiGrpc.getServiceDescriptor().getMethods()) {
                for (String header : headers) {
                    assertThat(call(channel, m, header)).as("%s with %s", m.getFullMethodName(), header)
                            .isEqualTo(Status.Code.UNAUTHENTICATED);
                }
            }
            assertThat(ApiGrpc.getServiceDescriptor().getMethods()).hasSizeGreaterThanOrEqualTo(11);
            assertThat(call(channel, ApiGrpc.getVersionMethod(), "Bearer " + ADMIN_TOKEN)).isEqualTo(Status.Code.OK);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The status of one call of {@code method} with an empty request, sending {@code header} as authorization. */
    private static <Q, R> Status.Code call(ManagedChannel channel, MethodDescriptor<Q, R> method, String header) {
        Metadata metadata = new Metadata();
        if (header != null) {
            metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), header);
        }
        Channel authorized = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata));
        @SuppressWarnings("unchecked")
        Q request = (Q) ((MethodDescriptor.PrototypeMarshaller<Q>) method.getRequestMarshaller()).getMessagePrototype();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS);
        try {
            if (method.getType() == MethodDescriptor.MethodType.UNARY) {
                ClientCalls.blockingUnaryCall(authorized, method, options, request);
            } else {
                ClientCalls.blockingServerStreamingCall(authorized, method, options, request).hasNext();
            }
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void theAdminMayDoAnythingAndAnotherUserNothingUntilAllowed() {
        admin.resource(Kinds.CONFIG_MAP).create(new ConfigMap(
                ObjectMeta.builder().name("settings").namespace("default").build(), Map.of("a", "b")));

        try (ApiClient alice = client(ALICE_TOKEN)) {
            assertRefused(() -> alice.resource(Kinds.SECRET).list("default"), Reason.FORBIDDEN,
                    "secrets is forbidden: User \"alice\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"");
            assertRefused(() -> alice.resource(Kinds.CONFIG_MAP).get("default", "settings"), Reason.FORBIDDEN,
                    "configmaps \"settings\" is forbidden: User \"alice\" cannot get resource \"configmaps\" in API group \"\""
                            + " in the namespace \"default\"");
            assertRefused(() -> alice.resource(Kinds.NODE).list(null), Reason.FORBIDDEN,
                    "nodes is forbidden: User \"alice\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");
            assertRefused(() -> alice.resource(Kinds.DEPLOYMENT).delete("default", "web"), Reason.FORBIDDEN,
                    "deployments.apps \"web\" is forbidden: User \"alice\" cannot delete resource \"deployments\" in API group"
                            + " \"apps\" in the namespace \"default\"");
        }
    }

    @Test
    void aServiceAccountTokenWorksWhileItsSecretAndItsAccountExist() {
        ServiceAccount robot = admin.resource(Kinds.SERVICE_ACCOUNT).create(
                new ServiceAccount(ObjectMeta.builder().name("robot").namespace("default").build()));
        String token = "robot-token-0123456789abcdef0123456789abcdef";
        createTokenSecret("robot-token-1", robot, token);
        String forbidden = "secrets is forbidden: User \"system:serviceaccount:default:robot\" cannot list resource"
                + " \"secrets\" in API group \"\" in the namespace \"default\"";

        try (ApiClient robotClient = client(token)) {
            // authenticated (Forbidden names the account), since the apiserver has seen the Secret
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertRefused(() -> robotClient.resource(Kinds.SECRET).list("default"), Reason.FORBIDDEN, forbidden));

            admin.resource(Kinds.SECRET).delete("default", "robot-token-1");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertRefused(() -> robotClient.resource(Kinds.SECRET).list("default"), Reason.UNAUTHORIZED, "Unauthorized"));

            createTokenSecret("robot-token-2", robot, token);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertRefused(() -> robotClient.resource(Kinds.SECRET).list("default"), Reason.FORBIDDEN, forbidden));
            admin.resource(Kinds.SERVICE_ACCOUNT).delete("default", "robot");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertRefused(() -> robotClient.resource(Kinds.SECRET).list("default"), Reason.UNAUTHORIZED, "Unauthorized"));

            // an account of the same name is another account: the old token stays dead
            admin.resource(Kinds.SERVICE_ACCOUNT).create(new ServiceAccount(ObjectMeta.builder().name("robot").namespace("default").build()));
            assertRefused(() -> robotClient.resource(Kinds.SECRET).list("default"), Reason.UNAUTHORIZED, "Unauthorized");
        }
    }

    private static void createTokenSecret(String name, ServiceAccount account, String token) {
        ObjectMeta meta = ObjectMeta.builder().name(name).namespace("default")
                .annotations(Map.of(Secret.SERVICE_ACCOUNT_NAME_KEY, account.metadata().name(),
                        Secret.SERVICE_ACCOUNT_UID_KEY, account.metadata().uid()))
                .build();
        String encoded = Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
        admin.resource(Kinds.SECRET).create(new Secret(null, null, meta, null, Map.of(Secret.SERVICE_ACCOUNT_TOKEN_KEY, encoded),
                null, Secret.SERVICE_ACCOUNT_TOKEN));
    }

    @Test
    void theAuditLogHasOneLinePerCallWithWhoWhatAndTheResultButNoToken() throws Exception {
        admin.resource(Kinds.CONFIG_MAP).list("kube-system");
        admin.resource(Kinds.CONFIG_MAP).create(new ConfigMap(ObjectMeta.builder().name("audited").namespace("kube-system").build(),
                Map.of()));
        try (ApiClient alice = client(ALICE_TOKEN); ApiClient garbage = client("garbage-token")) {
            assertThatThrownBy(() -> alice.resource(Kinds.POD).get("kube-system", "x")).isInstanceOf(ApiException.class);
            assertThatThrownBy(() -> garbage.resource(Kinds.POD).list("default")).isInstanceOf(ApiException.class);
        }

        Path log = dir.resolve("audit.log");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Files.readString(log))
                .contains("\"user\":\"admin\",\"verb\":\"list\",\"resource\":\"configmaps\",\"namespace\":\"kube-system\",\"name\":\"\",\"result\":\"OK\"")
                // a create completes on etcd's thread, after the call's context is gone: still the caller's
                .contains("\"user\":\"admin\",\"verb\":\"create\",\"resource\":\"configmaps\",\"namespace\":\"kube-system\",\"name\":\"audited\",\"result\":\"OK\"")
                .contains("\"user\":\"alice\",\"verb\":\"get\",\"resource\":\"pods\",\"namespace\":\"kube-system\",\"name\":\"x\",\"result\":\"Forbidden\"")
                .contains("\"user\":\"\",\"verb\":\"List\",\"resource\":\"\",\"namespace\":\"\",\"name\":\"\",\"result\":\"Unauthorized\""));
        String text = Files.readString(log);
        assertThat(text).doesNotContain(ADMIN_TOKEN, ALICE_TOKEN, "garbage-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(text.lines()).allMatch(l -> l.startsWith("{\"time\":\"20") && l.endsWith("}"));
    }

    @Test
    void aTokenFileWithAPlainTokenIsRefusedNamingTheLineButNotItsContent() throws Exception {
        Path bad = dir.resolve("bad-tokens.csv");
        Files.writeString(bad, "\n" + "plain-secret-token,bob,uid-bob\n");

        assertThatThrownBy(() -> ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0)
                .withAuth(ApiServer.Auth.tokens(bad))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bad + " line 2: the first column must be sha256:<64 lowercase hex digits> of the token, never the"
                        + " token itself (e.g. printf %s TOKEN | sha256sum)")
                .message().doesNotContain("plain-secret-token");
    }

}
