package dev.jk8s.api.rbac;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * Grants a Role of its namespace, or a ClusterRole's permissions within its namespace, to the
 * subjects. {@code subjects} is never null; {@code roleRef} is never null (an absent one is all
 * empty, which validation refuses) and immutable once created.
 */
public record RoleBinding(String apiVersion, String kind, ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef)
        implements ApiObject {

    public RoleBinding {
        apiVersion = RbacKinds.API_VERSION;
        kind = "RoleBinding";
        subjects = Values.list(subjects);
        roleRef = roleRef == null ? new RoleRef(null, null, null) : roleRef;
    }

    public RoleBinding(ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef) {
        this(null, null, metadata, subjects, roleRef);
    }

    @Override
    public RoleBinding withMetadata(ObjectMeta metadata) {
        return new RoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    public RoleBinding withSubjects(List<Subject> subjects) {
        return new RoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    public RoleBinding withRoleRef(RoleRef roleRef) {
        return new RoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }
}
