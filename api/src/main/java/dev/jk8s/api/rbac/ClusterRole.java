package dev.jk8s.api.rbac;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * A cluster-wide set of permissions: granted in every namespace by a ClusterRoleBinding, or in
 * one namespace by a RoleBinding that refers to it. Unlike a Role it may cover cluster-scoped
 * resources and non-resource URLs. {@code rules} is never null. (Kubernetes' aggregationRule is
 * not supported.)
 */
public record ClusterRole(String apiVersion, String kind, ObjectMeta metadata, List<PolicyRule> rules)
        implements ApiObject {

    public ClusterRole {
        apiVersion = RbacKinds.API_VERSION;
        kind = "ClusterRole";
        rules = Values.list(rules);
    }

    public ClusterRole(ObjectMeta metadata, List<PolicyRule> rules) {
        this(null, null, metadata, rules);
    }

    @Override
    public ClusterRole withMetadata(ObjectMeta metadata) {
        return new ClusterRole(apiVersion, kind, metadata, rules);
    }

    public ClusterRole withRules(List<PolicyRule> rules) {
        return new ClusterRole(apiVersion, kind, metadata, rules);
    }
}
