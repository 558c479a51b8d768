package dev.jk8s.apiserver.auth;

import dev.jk8s.api.rbac.ClusterRole;
import dev.jk8s.api.rbac.ClusterRoleBinding;
import dev.jk8s.api.rbac.PolicyRule;
import dev.jk8s.api.rbac.PolicyRules;
import dev.jk8s.api.rbac.Role;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.api.rbac.Subject;
import dev.jk8s.apiserver.registry.KindStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Kubernetes' RBAC authorizer: a request is allowed when a rule of a role bound to the user
 * allows it. ClusterRoleBindings grant their ClusterRole's rules everywhere; a RoleBinding grants
 * its Role's (or ClusterRole's) rules in the binding's namespace only. Subjects match a user by
 * name (User), by one of its groups (Group), or as {@code system:serviceaccount:<ns>:<name>}
 * (ServiceAccount; the binding's namespace when the subject has none). Otherwise: no opinion.
 *
 * <p>Bindings are found through indexes of the watch caches by subject, roles by name in the
 * caches, so a decision costs a few map lookups and nothing is cached between requests: a
 * binding's deletion takes effect as soon as the apiserver sees it. Thread-safe.
 */
public final class RbacAuthorizer implements Authorizer {

    private static final String INDEX = "rbac-subject";

    private final KindStore<ClusterRoleBinding> clusterRoleBindings;
    private final KindStore<RoleBinding> roleBindings;
    private final KindStore<ClusterRole> clusterRoles;
    private final KindStore<Role> roles;

    public RbacAuthorizer(KindStore<ClusterRoleBinding> clusterRoleBindings, KindStore<RoleBinding> roleBindings,
                          KindStore<ClusterRole> clusterRoles, KindStore<Role> roles) {
        this.clusterRoleBindings = clusterRoleBindings;
        this.roleBindings = roleBindings;
        this.clusterRoles = clusterRoles;
        this.roles = roles;
        clusterRoleBindings.addIndex(INDEX, b -> b.subjects().stream().map(s -> subjectKey(s, "")).toList());
        roleBindings.addIndex(INDEX, b -> b.subjects().stream()
                .map(s -> b.metadata().namespace() + "|" + subjectKey(s, b.metadata().namespace())).toList());
    }

    @Override
    public Decision authorize(Attributes r) {
        return rulesFor(r.user(), r.namespace())
                .anyMatch(rule -> PolicyRules.allows(rule, r.verb(), r.apiGroup(), r.resource(), r.subresource(), r.name()))
                ? Decision.allow("") : Decision.NO_OPINION;
    }

    /** Every rule that applies to {@code user} in {@code namespace} (null: only the cluster-wide ones). */
    Stream<PolicyRule> rulesFor(UserInfo user, String namespace) {
        List<String> keys = keysOf(user);
        Stream<PolicyRule> cluster = keys.stream().flatMap(k -> clusterRoleBindings.byIndex(INDEX, k).stream())
                .flatMap(b -> rules(b.roleRef(), null));
        if (namespace == null) {
            return cluster;
        }
        Stream<PolicyRule> local = keys.stream().flatMap(k -> roleBindings.byIndex(INDEX, namespace + "|" + k).stream())
                .flatMap(b -> rules(b.roleRef(), namespace));
        return Stream.concat(cluster, local);
    }

    private Stream<PolicyRule> rules(RoleRef ref, String namespace) {
        Optional<List<PolicyRule>> rules = switch (ref.kind()) {
            case "ClusterRole" -> clusterRoles.cached(null, ref.name()).map(ClusterRole::rules);
            case "Role" -> namespace == null ? Optional.empty() : roles.cached(namespace, ref.name()).map(Role::rules);
            default -> Optional.empty();
        };
        return rules.stream().flatMap(List::stream);
    }

    /** What a user is found under: its name and each of its groups. */
    static List<String> keysOf(UserInfo user) {
        List<String> keys = new ArrayList<>();
        keys.add("user:" + user.name());
        user.groups().forEach(g -> keys.add("group:" + g));
        return keys;
    }

    /** A subject as {@link #keysOf} finds it; a ServiceAccount is the user it authenticates as. */
    static String subjectKey(Subject s, String bindingNamespace) {
        return switch (s.kind()) {
            case Subject.GROUP -> "group:" + s.name();
            case Subject.SERVICE_ACCOUNT -> "user:" + ServiceAccountTokens.userName(
                    s.namespace().isEmpty() ? bindingNamespace : s.namespace(), s.name());
            default -> "user:" + s.name();
        };
    }
}
