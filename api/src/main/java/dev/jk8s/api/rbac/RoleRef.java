package dev.jk8s.api.rbac;

/**
 * The role a binding grants: {@code apiGroup} {@value RbacKinds#GROUP}, {@code kind} Role or
 * ClusterRole, and its name. It cannot change once the binding exists: delete and recreate the
 * binding instead. Fields are never null (absent is {@code ""}, as Go's zero value).
 */
public record RoleRef(String apiGroup, String kind, String name) {

    public RoleRef {
        apiGroup = apiGroup == null ? "" : apiGroup;
        kind = kind == null ? "" : kind;
        name = name == null ? "" : name;
    }

    /** A reference to the Role of that name, in the binding's namespace. */
    public static RoleRef role(String name) {
        return new RoleRef(RbacKinds.GROUP, RbacKinds.ROLE.kind(), name);
    }

    public static RoleRef clusterRole(String name) {
        return new RoleRef(RbacKinds.GROUP, RbacKinds.CLUSTER_ROLE.kind(), name);
    }

    /** {@code Role/name} or {@code ClusterRole/name}, as kubectl shows it. */
    public String kindName() {
        return kind + "/" + name;
    }
}
