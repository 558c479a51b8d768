package dev.jk8s.apiserver.auth;

import dev.jk8s.api.auth.BootstrapToken;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.rbac.ClusterRole;
import dev.jk8s.api.rbac.ClusterRoleBinding;
import dev.jk8s.api.rbac.PolicyRule;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.api.rbac.Subject;
import dev.jk8s.apiserver.registry.KindStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The roles and bindings every cluster starts with, as Kubernetes' RBAC bootstrap policy: the
 * user-facing {@code cluster-admin}, {@code admin}, {@code edit} and {@code view}, and one role
 * per control-plane identity with what that component does and no more. The apiserver creates
 * them at start and puts back those that carry {@value #AUTOUPDATE} {@code "true"} (all of them
 * as created) when they differ, so an upgrade brings new rules; set it to {@code "false"} to keep
 * an edited one. Pure data apart from {@link #ensure}.
 */
public final class DefaultPolicy {

    public static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> WRITE = List.of("create", "update", "delete");
    private static final List<String> READ_WRITE = List.of("get", "list", "watch", "create", "update", "delete");
    /** The event recorder reads an event before it counts a repeat into it. */
    private static final List<String> EVENTS = List.of("get", "create", "update");
    private static final String CORE = "";
    private static final String APPS = "apps";
    private static final String COORDINATION = "coordination.k8s.io";
    private static final String RBAC = "rbac.authorization.k8s.io";

    private DefaultPolicy() {
    }

    public static List<ClusterRole> clusterRoles() {
        return List.of(
                role("cluster-admin", PolicyRule.resources(List.of("*"), List.of("*"), List.of("*")),
                        PolicyRule.nonResourceURLs(List.of("*"), List.of("*"))),
                role("admin", concat(editRules(), List.of(
                        PolicyRule.resources(READ_WRITE, List.of(RBAC), List.of("roles", "rolebindings"))))),
                role("edit", editRules()),
                role("view", viewRules()),
                role("system:kube-scheduler",
                        PolicyRule.resources(READ, List.of(CORE), List.of("pods", "nodes", "namespaces")),
                        PolicyRule.resources(List.of("update"), List.of(CORE), List.of("pods", "pods/status")),
                        PolicyRule.resources(EVENTS, List.of(CORE), List.of("events")),
                        PolicyRule.resources(List.of("get", "create", "update"), List.of(COORDINATION), List.of("leases"))),
                role("system:kube-controller-manager",
                        // the garbage collector follows owner references of every kind, deletes dependents and
                        // rewrites their ownerReferences when orphaning; the namespace controller deletes everything
                        PolicyRule.resources(List.of("get", "list", "watch", "update", "delete"), List.of("*"), List.of("*")),
                        PolicyRule.resources(List.of("create"), List.of(CORE), List.of("pods", "endpoints", "serviceaccounts",
                                "secrets", "events", "replicationcontrollers")),
                        PolicyRule.resources(List.of("create"), List.of(APPS), List.of("replicasets")),
                        PolicyRule.resources(List.of("create"), List.of(COORDINATION), List.of("leases"))),
                role("system:node-proxier",
                        PolicyRule.resources(READ, List.of(CORE), List.of("services", "endpoints")),
                        PolicyRule.resources(List.of("get"), List.of(CORE), List.of("nodes")),
                        PolicyRule.resources(EVENTS, List.of(CORE), List.of("events"))),
                role("system:node-bootstrapper",
                        PolicyRule.resources(List.of("create"), List.of(CORE), List.of("nodecredentials"))));
    }

    public static List<ClusterRoleBinding> clusterRoleBindings() {
        return List.of(
                binding("cluster-admin", Subject.group(UserInfo.MASTERS)),
                binding("system:kube-scheduler", Subject.user("system:kube-scheduler")),
                binding("system:kube-controller-manager", Subject.user("system:kube-controller-manager")),
                binding("system:node-proxier", Subject.user("system:kube-proxy")),
                binding("system:node-bootstrapper", Subject.group(BootstrapToken.GROUP)));
    }

    /** Reading the namespace's workloads and their configuration, but not its Secrets nor its roles. */
    private static List<PolicyRule> viewRules() {
        return List.of(
                PolicyRule.resources(READ, List.of(CORE), List.of("pods", "pods/log", "pods/status", "services", "endpoints",
                        "configmaps", "serviceaccounts", "replicationcontrollers", "replicationcontrollers/status", "events",
                        "namespaces", "namespaces/status")),
                PolicyRule.resources(READ, List.of(APPS), List.of("deployments", "deployments/status", "replicasets",
                        "replicasets/status")));
    }

    /** Viewing, plus changing workloads and configuration, Secrets included; not roles. */
    private static List<PolicyRule> editRules() {
        return concat(viewRules(), List.of(
                PolicyRule.resources(READ_WRITE, List.of(CORE), List.of("secrets")),
                PolicyRule.resources(WRITE, List.of(CORE), List.of("pods", "services", "endpoints", "configmaps",
                        "serviceaccounts", "replicationcontrollers")),
                PolicyRule.resources(WRITE, List.of(APPS), List.of("deployments", "replicasets"))));
    }

    /**
     * Creates what is missing and puts back what differs and may be updated. Idempotent.
     *
     * @throws RuntimeException when etcd cannot be reached (the caller retries)
     */
    public static void ensure(KindStore<ClusterRole> roles, KindStore<ClusterRoleBinding> bindings) {
        clusterRoles().forEach(r -> reconcile(roles, r, (a, b) -> a.rules().equals(b.rules())));
        clusterRoleBindings().forEach(b -> reconcile(bindings, b,
                (x, y) -> x.subjects().equals(y.subjects()) && x.roleRef().equals(y.roleRef())));
    }

    private static <T extends ApiObject> void reconcile(KindStore<T> store, T wanted, BiPredicate<T, T> same) {
        String name = wanted.metadata().name();
        Optional<T> existing = store.cached(null, name);
        if (existing.isEmpty()) {
            try {
                store.create(null, wanted, false);
            } catch (ApiException e) {
                if (!ApiException.isAlreadyExists(e)) {
                    throw e;
                }
            }
        } else if ("true".equals(existing.get().metadata().annotations().get(AUTOUPDATE)) && !same.test(existing.get(), wanted)) {
            store.update(null, wanted, false);
        }
    }

    private static ClusterRole role(String name, PolicyRule... rules) {
        return role(name, List.of(rules));
    }

    private static ClusterRole role(String name, List<PolicyRule> rules) {
        return new ClusterRole(meta(name), rules);
    }

    private static ClusterRoleBinding binding(String role, Subject subject) {
        return new ClusterRoleBinding(meta(role), List.of(subject), RoleRef.clusterRole(role));
    }

    private static ObjectMeta meta(String name) {
        return ObjectMeta.builder().name(name).annotations(Map.of(AUTOUPDATE, "true"))
                .labels(Map.of("kubernetes.io/bootstrapping", "rbac-defaults")).build();
    }

    private static List<PolicyRule> concat(List<PolicyRule> a, List<PolicyRule> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
