package dev.jk8s.api.rbac;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * Grants a ClusterRole's permissions in every namespace (and on cluster-scoped resources and
 * non-resource URLs) to the subjects. {@code subjects} is never null; {@code roleRef} is never
 * null (an absent one is all empty, which validation refuses) and immutable once created.
 */
public record ClusterRoleBinding(String apiVersion, String kind, ObjectMeta metadata, List<Subject> subjects,
                                 RoleRef roleRef) implements ApiObject {

    public ClusterRoleBinding {
        apiVersion = RbacKinds.API_VERSION;
        kind = "ClusterRoleBinding";
        subjects = Values.list(subjects);
        roleRef = roleRef == null ? new RoleRef(null, null, null) : roleRef;
    }

    public ClusterRoleBinding(ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef) {
        this(null, null, metadata, subjects, roleRef);
    }

    @Override
    public ClusterRoleBinding withMetadata(ObjectMeta metadata) {
        return new ClusterRoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    public ClusterRoleBinding withSubjects(List<Subject> subjects) {
        return new ClusterRoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    public ClusterRoleBinding withRoleRef(RoleRef roleRef) {
        return new ClusterRoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }
}
