package dev.jk8s.ctl.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.jk8s.api.Codec;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.rbac.ClusterRoleBinding;
import dev.jk8s.api.rbac.PolicyRule;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.api.rbac.Subject;
import dev.jk8s.ctl.Jctl;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code create role|clusterrole|rolebinding|clusterrolebinding}: the objects kubectl's generators make, and its checks. */
class CreateRbacCommandTest {

    private final Jctl jctl = new Jctl();

    @Test
    void createsARoleWithOneRulePerApiGroupAsKubectlDoes() {
        assertThat(jctl.run("create", "role", "editor", "-n", "team-a", "--verb=get,list", "--verb", "update",
                "--resource=deploy,pods,pods/status", "--resource=replicasets.apps/scale", "--resource-name=web"))
                .isEqualTo(new Jctl.Result(0, "role.rbac.authorization.k8s.io/editor created\n", ""));
        assertThat(Codec.toYaml(jctl.clients.of(Kinds.ROLE).stored("team-a", "editor"))).isEqualTo("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: editor
                  namespace: team-a
                  uid: uid-editor
                  resourceVersion: "101"
                  creationTimestamp: 2024-01-01T00:00:00Z
                rules:
                - verbs:
                  - get
                  - list
                  - update
                  apiGroups:
                  - ""
                  resources:
                  - pods
                  - pods/status
                  resourceNames:
                  - web
                - verbs:
                  - get
                  - list
                  - update
                  apiGroups:
                  - apps
                  resources:
                  - deployments
                  - replicasets/scale
                  resourceNames:
                  - web
                """);
    }

    @Test
    void aStarVerbStandsForAllAndAStarResourceIsKept() {
        assertThat(jctl.run("create", "role", "all", "--verb=get,*", "--resource=*").exit()).isZero();
        assertThat(jctl.clients.of(Kinds.ROLE).stored("default", "all").rules()).containsExactly(
                PolicyRule.resources(List.of("*"), List.of(""), List.of("*")));
    }

    @Test
    void createsAClusterRoleWithResourceAndNonResourceRules() {
        assertThat(jctl.run("create", "clusterrole", "system:health", "--verb=get", "--resource=nodes",
                "--non-resource-url=/healthz,/logs/*")).isEqualTo(
                new Jctl.Result(0, "clusterrole.rbac.authorization.k8s.io/system:health created\n", ""));
        assertThat(jctl.clients.of(Kinds.CLUSTER_ROLE).stored(null, "system:health").rules()).containsExactly(
                PolicyRule.resources(List.of("get"), List.of(""), List.of("nodes")),
                PolicyRule.nonResourceURLs(List.of("get"), List.of("/healthz", "/logs/*")));
    }

    @Test
    void aVerbKubectlDoesNotKnowIsAWarningOnly() {
        assertThat(jctl.run("create", "role", "odd", "--verb=frobnicate", "--resource=pods")).isEqualTo(new Jctl.Result(0,
                "role.rbac.authorization.k8s.io/odd created\n", "Warning: 'frobnicate' is not a standard resource verb\n"));
    }

    @Test
    void anUnknownResourceIsAnError() {
        assertThat(jctl.run("create", "role", "r", "--verb=get", "--resource=pods,widgets")).isEqualTo(
                new Jctl.Result(1, "", "error: the server doesn't have a resource type \"widgets\"\n"));
        assertThat(jctl.run("create", "role", "r", "--verb=get", "--resource=pods.apps").err())
                .isEqualTo("error: the server doesn't have a resource type \"pods.apps\"\n");
        assertThat(jctl.clients.of(Kinds.ROLE).actions()).isEmpty();
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                usage("role without verbs", "role r --resource=pods", "at least one verb must be specified"),
                usage("role without resources", "role r --verb=get", "at least one resource must be specified"),
                usage("clusterrole without resources or URLs", "clusterrole r --verb=get",
                        "one of resource or nonResourceURL must be specified"),
                usage("group or subresource without resource", "role r --verb=get --resource=.apps",
                        "resource must be specified if apiGroup/subresource specified"),
                usage("special verb on another resource", "role r --verb=bind --resource=pods",
                        "can not perform 'bind' on 'pods' in group ''"),
                usage("resource verb on a URL", "clusterrole r --verb=list --non-resource-url=/healthz",
                        "invalid verb: 'list' for nonResourceURL"),
                usage("relative URL", "clusterrole r --verb=get --non-resource-url=healthz",
                        "nonResourceURL should start with /"),
                usage("wildcard inside a URL", "clusterrole r --verb=get --non-resource-url=/a*/b",
                        "nonResourceURL only supports wildcard matches when '*' is at the end"),
                usage("rolebinding without a role", "rolebinding b --user=jane",
                        "exactly one of clusterrole or role must be specified"),
                usage("rolebinding with both roles", "rolebinding b --role=r --clusterrole=c",
                        "exactly one of clusterrole or role must be specified"),
                usage("service account without namespace", "rolebinding b --role=r --serviceaccount=builder",
                        "serviceaccount must be <namespace>:<name>, not \"builder\""),
                usage("clusterrolebinding without clusterrole", "clusterrolebinding b --user=jane",
                        "Missing required option: '--clusterrole=CLUSTERROLE'"));
    }

    private static Arguments usage(String name, String args, String message) {
        return Arguments.of(named(name, args), message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void refusesWhatKubectlRefuses(String args, String message) {
        String command = args.substring(0, args.indexOf(' '));
        String[] argv = Stream.concat(Stream.of("create"), Stream.of(args.split(" "))).toArray(String[]::new);

        assertThat(jctl.run(argv)).isEqualTo(new Jctl.Result(2, "",
                "error: " + message + "\nSee 'jctl create " + command + " -h'\n"));
    }

    @Test
    void specialVerbsAreAllowedOnTheirResourcesEvenOnesTheServerDoesNotServe() {
        assertThat(jctl.run("create", "clusterrole", "impersonator", "--verb=impersonate", "--resource=users,groups")
                .exit()).isZero();
        assertThat(jctl.run("create", "clusterrole", "binder", "--verb=bind,escalate", "--resource=clusterroles").exit())
                .isZero();
        assertThat(jctl.clients.of(Kinds.CLUSTER_ROLE).stored(null, "binder").rules()).containsExactly(
                PolicyRule.resources(List.of("bind", "escalate"), List.of("rbac.authorization.k8s.io"),
                        List.of("clusterroles")));
    }

    @Test
    void createsARoleBindingOfUsersGroupsAndServiceAccounts() {
        assertThat(jctl.run("create", "rolebinding", "read-pods", "--role=pod-reader", "--serviceaccount=ci:builder",
                "--group=devs", "--user=jane", "--user=joe", "-n", "team-a")).isEqualTo(
                new Jctl.Result(0, "rolebinding.rbac.authorization.k8s.io/read-pods created\n", ""));
        RoleBinding b = jctl.clients.of(Kinds.ROLE_BINDING).stored("team-a", "read-pods");
        assertThat(b.roleRef()).isEqualTo(RoleRef.role("pod-reader"));
        assertThat(b.subjects()).containsExactly(Subject.user("jane"), Subject.user("joe"), Subject.group("devs"),
                Subject.serviceAccount("ci", "builder"));

        assertThat(jctl.run("create", "rolebinding", "view", "--clusterrole=view").exit()).isZero();
        assertThat(jctl.clients.of(Kinds.ROLE_BINDING).stored("default", "view").roleRef())
                .isEqualTo(RoleRef.clusterRole("view"));
    }

    @Test
    void createsAClusterRoleBinding() {
        assertThat(jctl.run("create", "clusterrolebinding", "ops", "--clusterrole=cluster-admin", "--group=ops",
                "--serviceaccount=kube-system:ops")).isEqualTo(
                new Jctl.Result(0, "clusterrolebinding.rbac.authorization.k8s.io/ops created\n", ""));
        ClusterRoleBinding b = jctl.clients.of(Kinds.CLUSTER_ROLE_BINDING).stored(null, "ops");
        assertThat(b.roleRef()).isEqualTo(RoleRef.clusterRole("cluster-admin"));
        assertThat(b.subjects()).containsExactly(Subject.group("ops"), Subject.serviceAccount("kube-system", "ops"));
    }
}
