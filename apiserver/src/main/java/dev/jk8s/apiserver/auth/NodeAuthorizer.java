package dev.jk8s.apiserver.auth;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodReferences;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Kubernetes' node authorizer: what a kubelet ({@code system:node:<name>} in group
 * {@code system:nodes}) may do, decided from the pods bound to its node.
 * <ul>
 * <li>read nodes, pods, services and endpoints (list and watch too: the kubelet watches its pods
 *     and the services);
 * <li>get a Secret, ConfigMap or ServiceAccount only while a pod bound to this node refers to it
 *     ({@link PodReferences}), never list or watch them;
 * <li>create, get and update its own Node (and its status) and its own Lease in
 *     {@code kube-node-lease};
 * <li>update the status of, and delete, pods bound to it;
 * <li>get, create and update events.
 * </ul>
 * For anything else it has no opinion, with a reason that ends up in the Forbidden message unless
 * an RBAC binding allows it (as in Kubernetes, where nodes get nothing from RBAC by default).
 * Users who are not nodes get no opinion and no reason. Answers from the watch caches; thread-safe.
 */
public final class NodeAuthorizer implements Authorizer {

    public static final String NODES_GROUP = "system:nodes";
    public static final String USER_PREFIX = "system:node:";
    public static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final Set<String> READ = Set.of("get", "list", "watch");
    private static final Set<String> READABLE = Set.of("nodes", "pods", "services", "endpoints");

    private final Function<String, List<Pod>> podsOnNode;
    private final BiFunction<String, String, Optional<Pod>> pod;

    /**
     * @param podsOnNode the pods bound to a node (from the pods cache's node index)
     * @param pod        a pod by namespace and name, from the cache
     */
    public NodeAuthorizer(Function<String, List<Pod>> podsOnNode, BiFunction<String, String, Optional<Pod>> pod) {
        this.podsOnNode = podsOnNode;
        this.pod = pod;
    }

    @Override
    public Decision authorize(Attributes r) {
        Optional<String> node = nodeOf(r.user());
        if (node.isEmpty()) {
            return Decision.NO_OPINION;
        }
        return switch (r.resource()) {
            case "secrets", "configmaps", "serviceaccounts" -> referenced(node.get(), r);
            case "nodes" -> ownNode(node.get(), r);
            case "leases" -> ownLease(node.get(), r);
            case "pods" -> pods(node.get(), r);
            // the event recorder reads an event before it counts a repeat into it
            case "events" -> Set.of("get", "create", "update").contains(r.verb()) ? Decision.allow("") : deny(node.get(), r);
            default -> READ.contains(r.verb()) && READABLE.contains(r.resource()) && r.subresource().isEmpty()
                    ? Decision.allow("") : deny(node.get(), r);
        };
    }

    /** The node a user is, if it is one: {@code system:node:<name>} in {@value #NODES_GROUP}. */
    public static Optional<String> nodeOf(UserInfo user) {
        return user.inGroup(NODES_GROUP) && user.name().startsWith(USER_PREFIX) && user.name().length() > USER_PREFIX.length()
                ? Optional.of(user.name().substring(USER_PREFIX.length())) : Optional.empty();
    }

    private Decision referenced(String node, Attributes r) {
        if (!r.verb().equals("get") || r.name() == null) {
            return Decision.noOpinion("node '" + node + "' may only get individual " + r.resource() + " its pods refer to");
        }
        boolean used = podsOnNode.apply(node).stream()
                .filter(p -> r.namespace() != null && r.namespace().equals(p.metadata().namespace()))
                .anyMatch(p -> references(p, r.resource()).contains(r.name()));
        return used ? Decision.allow("")
                : Decision.noOpinion("no relationship found between node '" + node + "' and this object");
    }

    private static Set<String> references(Pod p, String resource) {
        return switch (resource) {
            case "secrets" -> PodReferences.secrets(p);
            case "configmaps" -> PodReferences.configMaps(p);
            default -> Set.of(PodReferences.serviceAccount(p));
        };
    }

    private Decision ownNode(String node, Attributes r) {
        if (READ.contains(r.verb()) && r.subresource().isEmpty()) {
            return Decision.allow("");
        }
        boolean own = node.equals(r.name() != null ? r.name() : nameOf(r.object()));
        return own && Set.of("create", "update").contains(r.verb()) ? Decision.allow("")
                : Decision.noOpinion("node '" + node + "' may only create and update its own Node");
    }

    private Decision ownLease(String node, Attributes r) {
        boolean own = LEASE_NAMESPACE.equals(r.namespace()) && node.equals(r.name() != null ? r.name() : nameOf(r.object()));
        return own && Set.of("get", "create", "update").contains(r.verb()) ? Decision.allow("")
                : Decision.noOpinion("node '" + node + "' may only use its own Lease in " + LEASE_NAMESPACE);
    }

    private Decision pods(String node, Attributes r) {
        if (READ.contains(r.verb()) && r.subresource().isEmpty()) {
            return Decision.allow("");
        }
        boolean write = r.verb().equals("delete") && r.subresource().isEmpty()
                || r.verb().equals("update") && r.subresource().equals("status");
        if (!write) {
            return deny(node, r);
        }
        if (r.name() == null) {
            return deny(node, r);
        }
        // a pod that is gone (a kubelet confirming a deletion twice) is the registry's NotFound, as
        // Kubernetes' NodeRestriction answers: the node may read every pod anyway
        return pod.apply(r.namespace(), r.name()).map(p -> node.equals(p.spec().nodeName())).orElse(true) ? Decision.allow("")
                : Decision.noOpinion("node '" + node + "' may only change pods bound to it");
    }

    private static Decision deny(String node, Attributes r) {
        return Decision.noOpinion("node '" + node + "' may not " + r.verb() + " " + r.qualifiedResource());
    }

    private static String nameOf(ApiObject o) {
        return o == null || o.metadata() == null ? null : o.metadata().name();
    }
}
