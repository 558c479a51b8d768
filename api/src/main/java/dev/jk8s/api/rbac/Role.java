package dev.jk8s.api.rbac;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * A set of permissions within one namespace, granted to subjects by RoleBindings of that
 * namespace. Permissions only add up: there are no deny rules. {@code rules} is never null.
 */
public record Role(String apiVersion, String kind, ObjectMeta metadata, List<PolicyRule> rules) implements ApiObject {

    public Role {
        apiVersion = RbacKinds.API_VERSION;
        kind = "Role";
        rules = Values.list(rules);
    }

    public Role(ObjectMeta metadata, List<PolicyRule> rules) {
        this(null, null, metadata, rules);
    }

    @Override
    public Role withMetadata(ObjectMeta metadata) {
        return new Role(apiVersion, kind, metadata, rules);
    }

    public Role withRules(List<PolicyRule> rules) {
        return new Role(apiVersion, kind, metadata, rules);
    }
}
