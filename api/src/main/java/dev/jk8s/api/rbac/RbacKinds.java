package dev.jk8s.api.rbac;

import dev.jk8s.api.Kind;
import dev.jk8s.api.validation.Validator;

/**
 * The kinds of the {@code rbac.authorization.k8s.io} group. As in Kubernetes their names are any
 * URL path segment ({@code system:node}), not only DNS subdomains, and they have no short names.
 */
public final class RbacKinds {

    /** The API group of the RBAC kinds, and of User and Group subjects and of every roleRef. */
    public static final String GROUP = "rbac.authorization.k8s.io";
    public static final String API_VERSION = GROUP + "/v1";

    public static final Kind<Role> ROLE = Kind.builder(Role.class, API_VERSION, "Role", "roles")
            .pathSegmentNames()
            .validator(r -> Roles.validate(r.rules(), true))
            .build();

    public static final Kind<ClusterRole> CLUSTER_ROLE =
            Kind.builder(ClusterRole.class, API_VERSION, "ClusterRole", "clusterroles")
                    .clusterScoped().pathSegmentNames()
                    .validator(r -> Roles.validate(r.rules(), false))
                    .build();

    public static final Kind<RoleBinding> ROLE_BINDING =
            Kind.builder(RoleBinding.class, API_VERSION, "RoleBinding", "rolebindings")
                    .pathSegmentNames()
                    .defaulter(b -> b.withRoleRef(Bindings.defaults(b.roleRef())).withSubjects(Bindings.defaults(b.subjects())))
                    .validator(Validator.withUpdate(b -> Bindings.validate(b.roleRef(), b.subjects(), true),
                            (b, old) -> Bindings.validateUpdate(b.roleRef(), old.roleRef())))
                    .build();

    public static final Kind<ClusterRoleBinding> CLUSTER_ROLE_BINDING =
            Kind.builder(ClusterRoleBinding.class, API_VERSION, "ClusterRoleBinding", "clusterrolebindings")
                    .clusterScoped().pathSegmentNames()
                    .defaulter(b -> b.withRoleRef(Bindings.defaults(b.roleRef())).withSubjects(Bindings.defaults(b.subjects())))
                    .validator(Validator.withUpdate(b -> Bindings.validate(b.roleRef(), b.subjects(), false),
                            (b, old) -> Bindings.validateUpdate(b.roleRef(), old.roleRef())))
                    .build();

    private RbacKinds() {
    }
}
