package dev.jk8s.api.rbac;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Names;
import dev.jk8s.api.validation.Path;
import java.util.List;

/**
 * Defaults and validation of RoleBindings and ClusterRoleBindings, as Kubernetes'
 * ({@code pkg/apis/rbac/v1/defaults.go}, {@code pkg/apis/rbac/validation}).
 */
final class Bindings {

    private static final Path ROLE_REF = Path.of("roleRef");
    private static final Path SUBJECTS = Path.of("subjects");
    private static final List<String> RBAC_GROUP = List.of(RbacKinds.GROUP);
    private static final List<String> SUBJECT_KINDS = List.of(Subject.SERVICE_ACCOUNT, Subject.USER, Subject.GROUP);

    private Bindings() {
    }

    /** A roleRef without apiGroup gets the RBAC group. */
    static RoleRef defaults(RoleRef ref) {
        return ref.apiGroup().isEmpty() ? new RoleRef(RbacKinds.GROUP, ref.kind(), ref.name()) : ref;
    }

    /** User and Group subjects without apiGroup get the RBAC group; service accounts keep {@code ""}. */
    static List<Subject> defaults(List<Subject> subjects) {
        return subjects.stream().map(s -> s.apiGroup().isEmpty() && (s.kind().equals(Subject.USER)
                || s.kind().equals(Subject.GROUP)) ? new Subject(s.kind(), RbacKinds.GROUP, s.name(), s.namespace()) : s)
                .toList();
    }

    /** @param namespaced a RoleBinding's (may refer to a Role; its service accounts default to its namespace) */
    static List<FieldError> validate(RoleRef ref, List<Subject> subjects, boolean namespaced) {
        Errors errs = new Errors();
        roleRef(errs, ref, namespaced);
        for (int i = 0; i < subjects.size(); i++) {
            subject(errs, SUBJECTS.index(i), subjects.get(i), namespaced);
        }
        return errs.list();
    }

    /** Kubernetes' message, with the way out: a binding's role cannot change. */
    static List<FieldError> validateUpdate(RoleRef ref, RoleRef old) {
        Errors errs = new Errors();
        if (!ref.equals(old)) {
            errs.invalid(ROLE_REF, ref.kindName(), "cannot change roleRef (was " + old.kindName()
                    + "); delete the binding and create it again to bind another role");
        }
        return errs.list();
    }

    private static void roleRef(Errors errs, RoleRef ref, boolean namespaced) {
        errs.oneOf(ROLE_REF.child("apiGroup"), ref.apiGroup(), RBAC_GROUP);
        errs.oneOf(ROLE_REF.child("kind"), ref.kind(), namespaced
                ? List.of(RbacKinds.ROLE.kind(), RbacKinds.CLUSTER_ROLE.kind()) : List.of(RbacKinds.CLUSTER_ROLE.kind()));
        Path name = ROLE_REF.child("name");
        if (errs.required(name, ref.name())) {
            Names.pathSegmentNameError(ref.name()).ifPresent(why -> errs.invalid(name, ref.name(), why));
        }
    }

    private static void subject(Errors errs, Path path, Subject s, boolean namespaced) {
        boolean named = errs.required(path.child("name"), s.name());
        switch (s.kind()) {
            case Subject.SERVICE_ACCOUNT -> {
                if (named) {
                    errs.dnsSubdomain(path.child("name"), s.name());
                }
                errs.oneOf(path.child("apiGroup"), s.apiGroup(), List.of(""));
                if (!namespaced && s.namespace().isEmpty()) {
                    errs.add(path.child("namespace"), "Required value: the namespace of the service account");
                }
            }
            case Subject.USER, Subject.GROUP -> errs.oneOf(path.child("apiGroup"), s.apiGroup(), RBAC_GROUP);
            default -> errs.oneOf(path.child("kind"), s.kind(), SUBJECT_KINDS);
        }
    }
}
