package dev.jk8s.apiserver.auth;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Reason;
import dev.jk8s.api.rbac.ClusterRole;
import dev.jk8s.api.rbac.ClusterRoleBinding;
import dev.jk8s.api.rbac.PolicyRule;
import dev.jk8s.api.rbac.PolicyRules;
import dev.jk8s.api.rbac.RbacKinds;
import dev.jk8s.api.rbac.Role;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.apiserver.registry.KindStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Kubernetes' RBAC escalation prevention: a user may write a Role or ClusterRole only with rules
 * it holds itself (or the {@code escalate} verb on that kind), and a RoleBinding or
 * ClusterRoleBinding only to a role whose rules it holds (or the {@code bind} verb on that role),
 * where it would take effect: in the binding's namespace, or cluster-wide. So whoever may create
 * bindings in a namespace cannot hand out more than it has. A {@code *} in a rule is covered only
 * by a {@code *}. Thread-safe; reads the caches.
 */
public final class RbacEscalation {

    private final RbacAuthorizer rbac;
    private final Authorizer authorizer;
    private final KindStore<Role> roles;
    private final KindStore<ClusterRole> clusterRoles;

    /** @param authorizer the whole chain, asked about {@code bind} and {@code escalate} */
    public RbacEscalation(RbacAuthorizer rbac, Authorizer authorizer, KindStore<Role> roles, KindStore<ClusterRole> clusterRoles) {
        this.rbac = rbac;
        this.authorizer = authorizer;
        this.roles = roles;
        this.clusterRoles = clusterRoles;
    }

    /**
     * Allows the write of {@code object} by {@code user} in {@code namespace}, or throws Forbidden
     * naming the rules the user does not hold. Objects of other kinds pass.
     */
    public void check(UserInfo user, String namespace, ApiObject object) {
        if (user.inGroup(UserInfo.MASTERS)) {
            return;
        }
        if (object instanceof Role r) {
            guard(user, "roles", r.metadata().name(), namespace, r::rules, "escalate", "roles", r.metadata().name());
        } else if (object instanceof ClusterRole r) {
            guard(user, "clusterroles", r.metadata().name(), null, r::rules, "escalate", "clusterroles", r.metadata().name());
        } else if (object instanceof RoleBinding b) {
            guard(user, "rolebindings", b.metadata().name(), namespace, () -> rulesOf(b.roleRef(), namespace), "bind",
                    plural(b.roleRef()), b.roleRef().name());
        } else if (object instanceof ClusterRoleBinding b) {
            guard(user, "clusterrolebindings", b.metadata().name(), null, () -> rulesOf(b.roleRef(), null), "bind",
                    plural(b.roleRef()), b.roleRef().name());
        }
    }

    private void guard(UserInfo user, String resource, String name, String namespace, Supplier<List<PolicyRule>> rules,
                       String verb, String roleResource, String roleName) {
        boolean mayAnyway = authorizer.authorize(new Attributes(user, verb, RbacKinds.GROUP, roleResource, "",
                roleResource.equals("roles") ? namespace : null, roleName, null)).allowed();
        if (mayAnyway) {
            return;
        }
        List<PolicyRule> held = rbac.rulesFor(user, namespace).toList();
        List<String> missing = new ArrayList<>();
        for (PolicyRule rule : rules.get()) {
            if (!covered(rule, held)) {
                missing.add(describe(rule));
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiException(Reason.FORBIDDEN, resource, name, resource + "." + RbacKinds.GROUP + " \"" + name
                    + "\" is forbidden: user \"" + user.name() + "\" is attempting to grant RBAC permissions not currently held: "
                    + String.join(", ", missing) + "; ask someone who holds them, or for the " + verb + " verb on "
                    + roleResource + " \"" + roleName + "\"", List.of());
        }
    }

    /** Whether every request {@code rule} allows is allowed by some rule of {@code held}. */
    static boolean covered(PolicyRule rule, List<PolicyRule> held) {
        List<String> names = rule.resourceNames().isEmpty() ? Collections.singletonList(null) : rule.resourceNames();
        for (String verb : rule.verbs()) {
            for (String group : rule.apiGroups()) {
                for (String resource : rule.resources()) {
                    String[] parts = resource.split("/", 2);
                    for (String name : names) {
                        if (held.stream().noneMatch(h -> PolicyRules.allows(h, verb, group, parts[0], parts.length > 1 ? parts[1] : "",
                                name))) {
                            return false;
                        }
                    }
                }
            }
            for (String url : rule.nonResourceURLs()) {
                if (held.stream().noneMatch(h -> PolicyRules.allowsNonResource(h, verb, url))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The referenced role's rules; a role that does not exist is NotFound, as in Kubernetes: else
     * one could bind a name that someone creates with more rules later.
     */
    private List<PolicyRule> rulesOf(RoleRef ref, String namespace) {
        Optional<List<PolicyRule>> rules = "ClusterRole".equals(ref.kind())
                ? clusterRoles.cached(null, ref.name()).map(ClusterRole::rules)
                : namespace == null ? Optional.empty() : roles.cached(namespace, ref.name()).map(Role::rules);
        return rules.orElseThrow(() -> ApiException.notFound(plural(ref), ref.name()));
    }

    private static String plural(RoleRef ref) {
        return "ClusterRole".equals(ref.kind()) ? "clusterroles" : "roles";
    }

    private static String describe(PolicyRule r) {
        StringBuilder sb = new StringBuilder("{");
        if (!r.nonResourceURLs().isEmpty()) {
            sb.append("NonResourceURLs:").append(r.nonResourceURLs()).append(", ");
        } else {
            sb.append("APIGroups:").append(quoted(r.apiGroups())).append(", Resources:").append(quoted(r.resources())).append(", ");
            if (!r.resourceNames().isEmpty()) {
                sb.append("ResourceNames:").append(quoted(r.resourceNames())).append(", ");
            }
        }
        return sb.append("Verbs:").append(quoted(r.verbs())).append('}').toString();
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").toList().toString().replace(", ", " ");
    }
}
