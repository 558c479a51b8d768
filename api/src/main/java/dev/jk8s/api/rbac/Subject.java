package dev.jk8s.api.rbac;

/**
 * Who a binding grants its role to: a {@value #USER}, a {@value #GROUP} (both in apiGroup
 * {@value RbacKinds#GROUP}) or a {@value #SERVICE_ACCOUNT} (apiGroup {@code ""}, with its
 * namespace; in a RoleBinding a missing namespace means the binding's). Fields are never null
 * (absent is {@code ""}, as Go's zero value).
 */
public record Subject(String kind, String apiGroup, String name, String namespace) {

    public static final String USER = "User";
    public static final String GROUP = "Group";
    public static final String SERVICE_ACCOUNT = "ServiceAccount";

    public Subject {
        kind = kind == null ? "" : kind;
        apiGroup = apiGroup == null ? "" : apiGroup;
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
    }

    public static Subject user(String name) {
        return new Subject(USER, RbacKinds.GROUP, name, null);
    }

    public static Subject group(String name) {
        return new Subject(GROUP, RbacKinds.GROUP, name, null);
    }

    public static Subject serviceAccount(String namespace, String name) {
        return new Subject(SERVICE_ACCOUNT, "", name, namespace);
    }
}
