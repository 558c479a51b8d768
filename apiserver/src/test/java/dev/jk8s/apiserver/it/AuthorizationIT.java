package dev.jk8s.apiserver.it;

import static dev.jk8s.apiserver.it.SecureCluster.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Reason;
import dev.jk8s.api.auth.BootstrapToken;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodSpec;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.api.rbac.PolicyRule;
import dev.jk8s.api.rbac.Role;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.api.rbac.Subject;
import dev.jk8s.client.AccessCheck;
import dev.jk8s.client.ApiClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Who may do what, with a real etcd: RBAC, the node authorizer, bootstrap tokens and node credentials. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AuthorizationIT {

    static final String ALICE = "alice-token-0123456789abcdef0123456789abcdef";
    static final String NODE_X = "node-x-token-0123456789abcdef0123456789abcd";

    @TempDir
    static Path dir;
    static SecureCluster cluster;
    static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        cluster = SecureCluster.start(dir, Map.of("alice", ALICE, "system:node:x", NODE_X + "|system:nodes"));
        admin = cluster.admin;
        for (String ns : List.of("a", "b")) {
            admin.resource(Kinds.NAMESPACE).create(new Namespace(ObjectMeta.builder().name(ns).build()));
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theDefaultRolesAndBindingsExist() {
        assertThat(admin.resource(Kinds.CLUSTER_ROLE).list(null).items()).extracting(r -> r.metadata().name())
                .contains("cluster-admin", "admin", "edit", "view", "system:kube-scheduler", "system:kube-controller-manager",
                        "system:node-proxier", "system:node-bootstrapper");
        assertThat(admin.resource(Kinds.CLUSTER_ROLE_BINDING).get(null, "system:kube-scheduler").subjects())
                .containsExactly(Subject.user("system:kube-scheduler"));
    }

    @Test
    void aServiceAccountOfOneNamespaceReadsAnothersSecretsOnlyOnceARoleBindingAllowsIt() {
        String token = serviceAccountWithToken("a", "reader");
        admin.resource(Kinds.SECRET).create(new Secret(ObjectMeta.builder().name("db").namespace("b").build(),
                Map.of("pass", Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8)))));
        String forbidden = "secrets is forbidden: User \"system:serviceaccount:a:reader\" cannot list resource \"secrets\" in"
                + " API group \"\" in the namespace \"b\"";

        try (ApiClient reader = cluster.client(token)) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertRefused(() -> reader.resource(Kinds.SECRET).list("b"), Reason.FORBIDDEN, forbidden));
            assertThat(reader.reviewAccess(check("list", "secrets", "b")).allowed()).isFalse();

            admin.resource(Kinds.ROLE).create(new Role(ObjectMeta.builder().name("secret-reader").namespace("b").build(),
                    List.of(PolicyRule.resources(List.of("get", "list"), List.of(""), List.of("secrets")))));
            admin.resource(Kinds.ROLE_BINDING).create(new RoleBinding(ObjectMeta.builder().name("a-reads").namespace("b").build(),
                    List.of(Subject.serviceAccount("a", "reader")), RoleRef.role("secret-reader")));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(reader.resource(Kinds.SECRET).list("b").items()).extracting(s -> s.metadata().name()).contains("db"));
            assertThat(reader.reviewAccess(check("list", "secrets", "b"))).isEqualTo(
                    new AccessCheck.Answer(true, "", "system:serviceaccount:a:reader"));
            // exactly what the role says: no writes, nothing in its own namespace
            assertRefused(() -> reader.resource(Kinds.SECRET).delete("b", "db"), Reason.FORBIDDEN,
                    "secrets \"db\" is forbidden: User \"system:serviceaccount:a:reader\" cannot delete resource \"secrets\" in"
                            + " API group \"\" in the namespace \"b\"");
            assertThatThrownBy(() -> reader.resource(Kinds.SECRET).list("a")).isInstanceOf(ApiException.class);

            admin.resource(Kinds.ROLE_BINDING).delete("b", "a-reads");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertRefused(() -> reader.resource(Kinds.SECRET).list("b"), Reason.FORBIDDEN, forbidden));
        }
    }

    @Test
    void aNamespaceAdminGrantsOnlyWhatItHoldsItself() {
        admin.resource(Kinds.ROLE_BINDING).create(new RoleBinding(ObjectMeta.builder().name("alice-admin").namespace("b").build(),
                List.of(Subject.user("alice")), RoleRef.clusterRole("admin")));

        try (ApiClient alice = cluster.client(ALICE)) {
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> alice.resource(Kinds.ROLE_BINDING)
                    .create(new RoleBinding(ObjectMeta.builder().name("bob-view").namespace("b").build(),
                            List.of(Subject.user("bob")), RoleRef.clusterRole("view"))) != null);
            alice.resource(Kinds.ROLE).create(new Role(ObjectMeta.builder().name("secrets").namespace("b").build(),
                    List.of(PolicyRule.resources(List.of("get"), List.of(""), List.of("secrets")))));

            assertRefused(() -> alice.resource(Kinds.ROLE_BINDING).create(new RoleBinding(ObjectMeta.builder().name("bob-root")
                    .namespace("b").build(), List.of(Subject.user("bob")), RoleRef.clusterRole("cluster-admin"))), Reason.FORBIDDEN,
                    "rolebindings.rbac.authorization.k8s.io \"bob-root\" is forbidden: user \"alice\" is attempting to grant RBAC"
                            + " permissions not currently held: {APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]},"
                            + " {NonResourceURLs:[*], Verbs:[\"*\"]}; ask someone who holds them, or for the bind verb on"
                            + " clusterroles \"cluster-admin\"");
            assertRefused(() -> alice.resource(Kinds.ROLE).create(new Role(ObjectMeta.builder().name("nodes").namespace("b").build(),
                    List.of(PolicyRule.resources(List.of("list"), List.of(""), List.of("nodes"))))), Reason.FORBIDDEN,
                    "roles.rbac.authorization.k8s.io \"nodes\" is forbidden: user \"alice\" is attempting to grant RBAC"
                            + " permissions not currently held: {APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"list\"]};"
                            + " ask someone who holds them, or for the escalate verb on roles \"nodes\"");
            assertRefused(() -> alice.resource(Kinds.ROLE_BINDING).create(new RoleBinding(ObjectMeta.builder().name("later")
                    .namespace("b").build(), List.of(Subject.user("bob")), RoleRef.clusterRole("not-yet"))), Reason.NOT_FOUND,
                    "clusterroles \"not-yet\" not found");
        }
    }

    @Test
    void askingAboutAnotherUserNeedsTheRightToImpersonate() {
        try (ApiClient alice = cluster.client(ALICE)) {
            assertRefused(() -> alice.reviewAccess(new AccessCheck("get", "pods", "", "a", null, "bob", List.of())),
                    Reason.FORBIDDEN, "users \"bob\" is forbidden: User \"alice\" cannot impersonate resource \"users\" in API"
                            + " group \"\" at the cluster scope");
            assertThat(alice.reviewAccess(check("get", "pods", "a"))).isEqualTo(new AccessCheck.Answer(false, "", "alice"));
        }
        assertThat(admin.reviewAccess(new AccessCheck("create", "deployments", "", "a", null, "system:kube-scheduler",
                List.of())).allowed()).isFalse();
        assertThat(admin.reviewAccess(new AccessCheck("update", "pods", "", "a", null, "system:kube-scheduler", List.of()))
                .allowed()).isTrue();
    }

    @Test
    void aNodeChangesItsOwnNodeLeaseAndPodsButNotAnotherNodes() {
        serviceAccountWithToken("a", "runner");
        Node y = admin.resource(Kinds.NODE).create(new Node(ObjectMeta.builder().name("y").build(), null));
        admin.resource(Kinds.LEASE).create(new Lease(ObjectMeta.builder().name("y").namespace("kube-node-lease").build(), null));
        admin.resource(Kinds.POD).create(new Pod(ObjectMeta.builder().name("on-y").namespace("a").build(),
                PodSpec.builder().containers(List.of(Container.of("app", "jk8s/http:1.0"))).nodeName("y")
                        .serviceAccountName("runner").automountServiceAccountToken(false).build()));

        try (ApiClient x = cluster.client(NODE_X)) {
            Node own = x.resource(Kinds.NODE).create(new Node(ObjectMeta.builder().name("x").build(), null));
            x.resource(Kinds.NODE).updateStatus(own);
            x.resource(Kinds.LEASE).create(new Lease(ObjectMeta.builder().name("x").namespace("kube-node-lease").build(), null));

            assertRefused(() -> x.resource(Kinds.NODE).updateStatus(y), Reason.FORBIDDEN,
                    "nodes \"y\" is forbidden: User \"system:node:x\" cannot update resource \"nodes/status\" in API group \"\" at"
                            + " the cluster scope: node 'x' may only create and update its own Node");
            assertRefused(() -> x.resource(Kinds.LEASE).update(x.resource(Kinds.LEASE).get("kube-node-lease", "y")), Reason.FORBIDDEN,
                    "leases.coordination.k8s.io \"y\" is forbidden: User \"system:node:x\" cannot get resource \"leases\" in API"
                            + " group \"coordination.k8s.io\" in the namespace \"kube-node-lease\": node 'x' may only use its own"
                            + " Lease in kube-node-lease");
            Pod onY = x.resource(Kinds.POD).get("a", "on-y");
            assertRefused(() -> x.resource(Kinds.POD).updateStatus(onY), Reason.FORBIDDEN,
                    "pods \"on-y\" is forbidden: User \"system:node:x\" cannot update resource \"pods/status\" in API group \"\""
                            + " in the namespace \"a\": node 'x' may only change pods bound to it");
            assertRefused(() -> x.resource(Kinds.POD).delete("a", "on-y"), Reason.FORBIDDEN,
                    "pods \"on-y\" is forbidden: User \"system:node:x\" cannot delete resource \"pods\" in API group \"\" in the"
                            + " namespace \"a\": node 'x' may only change pods bound to it");
        }
    }

    @Test
    void aKubeletJoinsWithABootstrapTokenOnlyBeforeItExpiresAndItsCredentialOutlivesIt() {
        String expired = bootstrapToken("aaaaaa", "0123456789abcdef", Instant.now().minusSeconds(1));
        String shortLived = bootstrapToken("bbbbbb", "fedcba9876543210", Instant.now().plusSeconds(8));
        String longLived = bootstrapToken("cccccc", "0123456789fedcba", Instant.now().plusSeconds(120));

        try (ApiClient late = cluster.client(expired); ApiClient early = cluster.client(shortLived);
             ApiClient bootstrapper = cluster.client(longLived)) {
            String credential = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> early.issueNodeCredential("joined"), c -> c != null);
            assertRefused(() -> late.issueNodeCredential("late"), Reason.UNAUTHORIZED, "Unauthorized");
            // a bootstrap token may do nothing else
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> bootstrapper.issueNodeCredential("other") != null);
            assertThatThrownBy(() -> bootstrapper.resource(Kinds.POD).list("a")).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertRefused(() -> early.issueNodeCredential("again"), Reason.UNAUTHORIZED, "Unauthorized"));
            try (ApiClient node = cluster.client(credential)) {
                node.resource(Kinds.NODE).create(new Node(ObjectMeta.builder().name("joined").build(), null));
                assertThat(node.reviewAccess(check("create", "pods", "a"))).isEqualTo(
                        new AccessCheck.Answer(false, "node 'joined' may not create pods", "system:node:joined"));
            }
        }
    }

    private static String bootstrapToken(String id, String secret, Instant expiration) {
        String token = id + "." + secret;
        admin.resource(Kinds.SECRET).create(BootstrapToken.secret(token, expiration, "AuthorizationIT"));
        return token;
    }

    private static String serviceAccountWithToken(String ns, String name) {
        ServiceAccount sa = admin.resource(Kinds.SERVICE_ACCOUNT).create(new ServiceAccount(ObjectMeta.builder().name(name)
                .namespace(ns).build()));
        String token = name + "-token-0123456789abcdef0123456789abcdef";
        admin.resource(Kinds.SECRET).create(new Secret(null, null, ObjectMeta.builder().name(name + "-token").namespace(ns)
                .annotations(Map.of(Secret.SERVICE_ACCOUNT_NAME_KEY, name, Secret.SERVICE_ACCOUNT_UID_KEY, sa.metadata().uid()))
                .build(), null, encoded(Map.of(Secret.SERVICE_ACCOUNT_TOKEN_KEY, token)), null, Secret.SERVICE_ACCOUNT_TOKEN));
        return token;
    }

    private static Map<String, String> encoded(Map<String, String> plain) {
        Map<String, String> out = new java.util.HashMap<>();
        plain.forEach((k, v) -> out.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return out;
    }

    private static AccessCheck check(String verb, String resource, String ns) {
        return new AccessCheck(verb, resource, "", ns, null, null, List.of());
    }

}
