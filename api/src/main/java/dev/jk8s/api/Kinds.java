package dev.jk8s.api;

import dev.jk8s.api.apps.AppsKinds;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.coordination.CoordinationKinds;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.CoreKinds;
import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Event;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.Service;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.api.rbac.ClusterRole;
import dev.jk8s.api.rbac.ClusterRoleBinding;
import dev.jk8s.api.rbac.RbacKinds;
import dev.jk8s.api.rbac.Role;
import dev.jk8s.api.rbac.RoleBinding;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every kind the API serves, and lookups by kind, by resource and by the names a user types
 * ({@code pods}, {@code pod}, {@code po}, {@code deployment.apps}).
 */
public final class Kinds {

    public static final Kind<Namespace> NAMESPACE = CoreKinds.NAMESPACE;
    public static final Kind<Node> NODE = CoreKinds.NODE;
    public static final Kind<Pod> POD = CoreKinds.POD;
    public static final Kind<ReplicationController> REPLICATION_CONTROLLER = CoreKinds.REPLICATION_CONTROLLER;
    public static final Kind<ReplicaSet> REPLICA_SET = AppsKinds.REPLICA_SET;
    public static final Kind<Deployment> DEPLOYMENT = AppsKinds.DEPLOYMENT;
    public static final Kind<Service> SERVICE = CoreKinds.SERVICE;
    public static final Kind<Endpoints> ENDPOINTS = CoreKinds.ENDPOINTS;
    public static final Kind<ServiceAccount> SERVICE_ACCOUNT = CoreKinds.SERVICE_ACCOUNT;
    public static final Kind<Secret> SECRET = CoreKinds.SECRET;
    public static final Kind<ConfigMap> CONFIG_MAP = CoreKinds.CONFIG_MAP;
    public static final Kind<Event> EVENT = CoreKinds.EVENT;
    public static final Kind<Lease> LEASE = CoordinationKinds.LEASE;
    public static final Kind<Role> ROLE = RbacKinds.ROLE;
    public static final Kind<ClusterRole> CLUSTER_ROLE = RbacKinds.CLUSTER_ROLE;
    public static final Kind<RoleBinding> ROLE_BINDING = RbacKinds.ROLE_BINDING;
    public static final Kind<ClusterRoleBinding> CLUSTER_ROLE_BINDING = RbacKinds.CLUSTER_ROLE_BINDING;

    /**
     * Every kind, in the order a manifest's objects are best created (namespaces first; the
     * permissions of service accounts before the pods that use them, roles before their bindings).
     * Unmodifiable.
     */
    public static final List<Kind<?>> ALL = List.of(NAMESPACE, NODE, SERVICE_ACCOUNT, CLUSTER_ROLE, ROLE,
            CLUSTER_ROLE_BINDING, ROLE_BINDING, SECRET, CONFIG_MAP, SERVICE, ENDPOINTS, POD, REPLICATION_CONTROLLER,
            REPLICA_SET, DEPLOYMENT, EVENT, LEASE);

    private Kinds() {
    }

    public static List<Kind<?>> all() {
        return ALL;
    }

    public static Optional<Kind<?>> byKind(String kind) {
        return ALL.stream().filter(k -> k.kind().equals(kind)).findFirst();
    }

    public static Optional<Kind<?>> byResource(String resource) {
        return ALL.stream().filter(k -> k.resource().equals(resource)).findFirst();
    }

    /** Resolves what a user typed: plural, singular, short name or {@code kind.group}, any case. */
    public static Optional<Kind<?>> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(k -> k.resource().equals(n)
                || k.kind().toLowerCase(Locale.ROOT).equals(n)
                || k.qualifiedName().equals(n)
                || (k.resource() + "." + k.group()).equals(n)
                || k.shortNames().contains(n)).findFirst();
    }

    @SuppressWarnings("unchecked")
    public static <T extends ApiObject> Kind<T> of(T object) {
        return (Kind<T>) ALL.stream().filter(k -> k.type() == object.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no kind for " + object.getClass()));
    }

    public static String kindNames() {
        return ALL.stream().map(Kind::kind).collect(Collectors.joining(", "));
    }
}
