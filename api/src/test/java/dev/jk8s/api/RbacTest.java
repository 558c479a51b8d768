package dev.jk8s.api;

import static dev.jk8s.api.Manifests.decodeOne;
import static dev.jk8s.api.Manifests.defaulted;
import static dev.jk8s.api.Manifests.validate;
import static dev.jk8s.api.Manifests.validateUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.jk8s.api.rbac.ClusterRoleBinding;
import dev.jk8s.api.rbac.PolicyRule;
import dev.jk8s.api.rbac.Role;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.api.rbac.Subject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The RBAC kinds: manifests from Kubernetes' documentation, their defaults, and validation as Kubernetes'. */
class RbacTest {

    private static final String RBAC = "rbac.authorization.k8s.io/v1";

    /** From "Using RBAC Authorization", kubernetes.io. */
    private static final String POD_READER = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              namespace: default
              name: pod-reader
            rules:
            - apiGroups: [""] # "" indicates the core API group
              resources: ["pods"]
              verbs: ["get", "watch", "list"]
            """;

    private static final String READ_PODS = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: read-pods
              namespace: default
            subjects:
            - kind: User
              name: jane # "name" is case sensitive
              apiGroup: rbac.authorization.k8s.io
            roleRef:
              kind: Role
              name: pod-reader
              apiGroup: rbac.authorization.k8s.io
            """;

    private static String role(String rules) {
        return "apiVersion: " + RBAC + "\nkind: Role\nmetadata: {name: r, namespace: default}\nrules:"
                + (rules.startsWith("-") ? "\n" : " ") + rules;
    }

    private static String clusterRole(String rules) {
        return "apiVersion: " + RBAC + "\nkind: ClusterRole\nmetadata: {name: \"system:r\"}\nrules:"
                + (rules.startsWith("-") ? "\n" : " ") + rules;
    }

    private static String roleBinding(String body) {
        return "apiVersion: " + RBAC + "\nkind: RoleBinding\nmetadata: {name: b, namespace: default}\n" + body;
    }

    private static String clusterRoleBinding(String body) {
        return "apiVersion: " + RBAC + "\nkind: ClusterRoleBinding\nmetadata: {name: \"system:b\"}\n" + body;
    }

    private static final String TO_VIEW = "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n";

    @Test
    void decodesTheDocumentationsRoleAndBinding() {
        Role role = (Role) decodeOne(POD_READER);
        RoleBinding binding = (RoleBinding) decodeOne(READ_PODS);

        assertThat(role.rules()).containsExactly(PolicyRule.resources(List.of("get", "watch", "list"), List.of(""),
                List.of("pods")));
        assertThat(binding.subjects()).containsExactly(Subject.user("jane"));
        assertThat(binding.roleRef()).isEqualTo(RoleRef.role("pod-reader"));
        assertThat(validate(role)).isEmpty();
        assertThat(validate(binding)).isEmpty();
        assertThat(Codec.decode(Codec.encode(binding), Kinds.ROLE_BINDING)).isEqualTo(binding);
    }

    @Test
    void defaultsTheApiGroupsOfRoleRefsUsersAndGroupsButNotOfServiceAccounts() {
        RoleBinding binding = defaulted((RoleBinding) decodeOne(roleBinding("""
                subjects:
                - {kind: User, name: jane}
                - {kind: Group, name: devs}
                - {kind: ServiceAccount, name: builder}
                roleRef: {kind: ClusterRole, name: edit}
                """)));

        assertThat(binding.roleRef()).isEqualTo(RoleRef.clusterRole("edit"));
        assertThat(binding.subjects()).containsExactly(Subject.user("jane"), Subject.group("devs"),
                new Subject("ServiceAccount", "", "builder", ""));
    }

    static Stream<Arguments> invalidObjects() {
        return Stream.of(
                invalid("rule without verbs", role("- {apiGroups: [\"\"], resources: [pods]}\n"),
                        "rules[0].verbs", "Required value: verbs must contain at least one value"),
                invalid("resource rule without apiGroups", role("- {verbs: [get], resources: [pods]}\n"),
                        "rules[0].apiGroups", "Required value: resource rules must supply at least one api group"),
                invalid("resource rule without resources", role("- {verbs: [get], apiGroups: [\"\"]}\n"),
                        "rules[0].resources", "Required value: resource rules must supply at least one resource"),
                invalid("non-resource URLs in a Role", role("- {verbs: [get], nonResourceURLs: [/healthz]}\n"),
                        "rules[0].nonResourceURLs", "Invalid value: [/healthz]: namespaced rules cannot apply to"
                                + " non-resource URLs; grant them in a ClusterRole"),
                invalid("resources and URLs in one rule", clusterRole(
                                "- {verbs: [get], apiGroups: [\"\"], resources: [pods], nonResourceURLs: [/healthz]}\n"),
                        "rules[0].nonResourceURLs", "rules cannot apply to both regular resources and non-resource URLs"),
                invalid("name with a slash", clusterRole("[]\n").replace("system:r", "a/b"),
                        "metadata.name", "Invalid value: \"a/b\": may not contain '/'"),
                invalid("roleRef without name", roleBinding("roleRef: {kind: Role}\n"),
                        "roleRef.name", "Required value"),
                invalid("roleRef without kind", roleBinding("roleRef: {name: r}\n"),
                        "roleRef.kind", "Unsupported value: \"\": supported values: \"Role\", \"ClusterRole\""),
                invalid("roleRef of another group", roleBinding("roleRef: {apiGroup: apps, kind: Role, name: r}\n"),
                        "roleRef.apiGroup", "Unsupported value: \"apps\": supported values: \"rbac.authorization.k8s.io\""),
                invalid("ClusterRoleBinding to a Role", clusterRoleBinding("roleRef: {kind: Role, name: r}\n"),
                        "roleRef.kind", "Unsupported value: \"Role\": supported values: \"ClusterRole\""),
                invalid("subject without name", roleBinding("subjects: [{kind: User}]\n" + TO_VIEW),
                        "subjects[0].name", "Required value"),
                invalid("subject of an unknown kind", roleBinding("subjects: [{kind: Robot, name: r2}]\n" + TO_VIEW),
                        "subjects[0].kind", "Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\","
                                + " \"Group\""),
                invalid("service account in the RBAC group", roleBinding(
                                "subjects: [{kind: ServiceAccount, apiGroup: rbac.authorization.k8s.io, name: sa}]\n" + TO_VIEW),
                        "subjects[0].apiGroup", "Unsupported value: \"rbac.authorization.k8s.io\": supported values: \"\""),
                invalid("service account with an invalid name", roleBinding(
                                "subjects: [{kind: ServiceAccount, name: Builder}]\n" + TO_VIEW),
                        "subjects[0].name", "Invalid value: \"Builder\": a lowercase RFC 1123 subdomain"),
                invalid("user of another group", roleBinding("subjects: [{kind: User, apiGroup: v1, name: jane}]\n" + TO_VIEW),
                        "subjects[0].apiGroup", "Unsupported value: \"v1\""),
                invalid("service account without namespace in a ClusterRoleBinding", clusterRoleBinding(
                                "subjects: [{kind: ServiceAccount, name: sa}]\n" + TO_VIEW),
                        "subjects[0].namespace", "Required value: the namespace of the service account"));
    }

    private static Arguments invalid(String name, String manifest, String field, String message) {
        return Arguments.of(named(name, manifest), field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidObjects")
    void reportsTheFieldAtFault(String manifest, String field, String message) {
        List<FieldError> errors = validate(decodeOne(manifest));

        assertThat(errors).extracting(FieldError::field).containsExactly(field);
        assertThat(errors.get(0).message()).contains(message);
    }

    static Stream<Arguments> validObjects() {
        return Stream.of(
                Arguments.of(named("documentation's Role", POD_READER)),
                Arguments.of(named("documentation's RoleBinding", READ_PODS)),
                Arguments.of(named("ClusterRole with URLs, subresources and wildcards", clusterRole("""
                        - {verbs: [get], nonResourceURLs: [/healthz, /healthz/*]}
                        - {verbs: ["*"], apiGroups: ["*"], resources: ["*/status", pods/log]}
                        """))),
                Arguments.of(named("Role with resourceNames", role(
                        "- {verbs: [get, update], apiGroups: [\"\"], resources: [configmaps], resourceNames: [app]}\n"))),
                Arguments.of(named("Role without rules", role("[]\n"))),
                Arguments.of(named("RoleBinding of a service account in the binding's namespace",
                        roleBinding("subjects: [{kind: ServiceAccount, name: builder}]\n" + TO_VIEW))),
                Arguments.of(named("ClusterRoleBinding of all three kinds", clusterRoleBinding("""
                        subjects:
                        - {kind: User, name: "system:kube-scheduler"}
                        - {kind: Group, name: "system:nodes"}
                        - {kind: ServiceAccount, name: builder, namespace: ci}
                        roleRef: {kind: ClusterRole, name: "system:node"}
                        """))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validObjects")
    void acceptsValidObjects(String manifest) {
        assertThat(validate(decodeOne(manifest))).isEmpty();
    }

    @Test
    void aBindingWithoutRoleRefNamesWhatIsMissing() {
        assertThat(validate(decodeOne(roleBinding("subjects: []\n")))).containsExactly(
                new FieldError("roleRef.kind", "Unsupported value: \"\": supported values: \"Role\", \"ClusterRole\""),
                new FieldError("roleRef.name", "Required value"));
    }

    @Test
    void aBindingsRoleRefIsImmutableButItsSubjectsMayChange() {
        RoleBinding old = (RoleBinding) decodeOne(roleBinding(TO_VIEW));

        assertThat(validateUpdate(old.withSubjects(List.of(Subject.user("jane"))), old)).isEmpty();
        assertThat(validateUpdate(old.withRoleRef(RoleRef.clusterRole("edit")), old)).containsExactly(new FieldError(
                "roleRef", "Invalid value: \"ClusterRole/edit\": cannot change roleRef (was ClusterRole/view); delete"
                        + " the binding and create it again to bind another role"));
        ClusterRoleBinding cluster = (ClusterRoleBinding) decodeOne(clusterRoleBinding(TO_VIEW));
        assertThat(validateUpdate(cluster.withRoleRef(RoleRef.clusterRole("admin")), cluster))
                .extracting(FieldError::field).containsExactly("roleRef");
    }

    @Test
    void aRoleRefWithoutApiGroupIsTheSameRoleRefOnUpdate() {
        RoleBinding old = (RoleBinding) decodeOne(roleBinding(TO_VIEW));
        RoleBinding sent = old.withRoleRef(new RoleRef(null, "ClusterRole", "view"));

        assertThat(validateUpdate(sent, old)).isEmpty();
    }
}
