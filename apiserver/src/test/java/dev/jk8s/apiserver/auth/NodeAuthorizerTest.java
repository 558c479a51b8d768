package dev.jk8s.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.ConfigMapVolumeSource;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.EnvVar;
import dev.jk8s.api.core.EnvVarSource;
import dev.jk8s.api.core.KeySelector;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodSpec;
import dev.jk8s.api.core.Volume;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAuthorizerTest {

    static final UserInfo N1 = new UserInfo("system:node:n1", "", List.of(NodeAuthorizer.NODES_GROUP));
    static final UserInfo NOT_A_NODE = new UserInfo("system:node:n1", "", List.of());

    /** web on n1 uses Secret db-pass (env) and ConfigMap settings (volume), account robot; other on n2 uses Secret other-pass. */
    static final List<Pod> PODS = List.of(
            pod("web", "n1", "db-pass", "settings", "robot"),
            pod("other", "n2", "other-pass", "other-settings", null));

    static final NodeAuthorizer AUTHORIZER = new NodeAuthorizer(
            node -> PODS.stream().filter(p -> node.equals(p.spec().nodeName())).toList(),
            (ns, name) -> PODS.stream().filter(p -> p.metadata().namespace().equals(ns) && p.metadata().name().equals(name)).findFirst());

    static Pod pod(String name, String node, String secret, String configMap, String account) {
        Container c = Container.of("app", "jk8s/http:1.0").toBuilder()
                .env(List.of(new EnvVar("PASS", null, new EnvVarSource(null, null, new KeySelector(secret, "p", null))))).build();
        PodSpec spec = PodSpec.builder().containers(List.of(c)).nodeName(node).serviceAccountName(account)
                .volumes(List.of(new Volume("cfg", null, null, null, new ConfigMapVolumeSource(configMap, null, null, null))))
                .build();
        return new Pod(ObjectMeta.builder().name(name).namespace("shop").build(), spec);
    }

    static Arguments allow(String name, Attributes a) {
        return Arguments.of(name, a, true);
    }

    static Arguments refuse(String name, Attributes a) {
        return Arguments.of(name, a, false);
    }

    static Attributes r(String verb, String resource, String sub, String ns, String name, ApiObject object) {
        return new Attributes(N1, verb, resource.equals("leases") ? "coordination.k8s.io" : "", resource, sub, ns, name, object);
    }

    static Stream<Arguments> cases() {
        Node own = new Node(ObjectMeta.builder().name("n1").build(), null);
        Node other = new Node(ObjectMeta.builder().name("n2").build(), null);
        return Stream.of(
                allow("watch its pods", r("watch", "pods", "", null, null, null)),
                allow("list services", r("list", "services", "", null, null, null)),
                allow("get a Secret its pod uses in env", r("get", "secrets", "", "shop", "db-pass", null)),
                allow("get a ConfigMap its pod mounts", r("get", "configmaps", "", "shop", "settings", null)),
                allow("get its pod's ServiceAccount", r("get", "serviceaccounts", "", "shop", "robot", null)),
                refuse("get a Secret only another node's pod uses", r("get", "secrets", "", "shop", "other-pass", null)),
                refuse("get a Secret of the same name in another namespace", r("get", "secrets", "", "default", "db-pass", null)),
                refuse("list Secrets", r("list", "secrets", "", "shop", null, null)),
                allow("create its Node", r("create", "nodes", "", null, null, own)),
                refuse("create another Node", r("create", "nodes", "", null, null, other)),
                allow("update its Node's status", r("update", "nodes", "status", null, "n1", own)),
                refuse("update another Node", r("update", "nodes", "", null, "n2", other)),
                refuse("delete its Node", r("delete", "nodes", "", null, "n1", null)),
                allow("update its Lease", r("update", "leases", "", "kube-node-lease", "n1", null)),
                refuse("update another node's Lease", r("update", "leases", "", "kube-node-lease", "n2", null)),
                refuse("a Lease of its name elsewhere", r("update", "leases", "", "kube-system", "n1", null)),
                allow("update the status of its pod", r("update", "pods", "status", "shop", "web", null)),
                refuse("update the status of another node's pod", r("update", "pods", "status", "shop", "other", null)),
                allow("delete its pod", r("delete", "pods", "", "shop", "web", null)),
                allow("delete a pod that is gone (the registry says NotFound)", r("delete", "pods", "", "shop", "gone", null)),
                refuse("delete another node's pod", r("delete", "pods", "", "shop", "other", null)),
                refuse("update a pod's spec", r("update", "pods", "", "shop", "web", null)),
                refuse("create a pod", r("create", "pods", "", "shop", null, null)),
                allow("create an event", r("create", "events", "", "shop", null, null)),
                allow("read an event to count a repeat", r("get", "events", "", "shop", "web.1", null)),
                refuse("read deployments", r("get", "deployments", "", "shop", "web", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aNodeMayDoWhatItsPodsNeedAndNothingElse(String name, Attributes request, boolean allowed) {
        assertThat(AUTHORIZER.authorize(request).allowed()).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aUserNamedLikeANodeButNotInTheNodesGroupGetsNoOpinion(String name, Attributes request, boolean allowed) {
        Attributes asNotANode = new Attributes(NOT_A_NODE, request.verb(), request.apiGroup(), request.resource(),
                request.subresource(), request.namespace(), request.name(), request.object());
        assertThat(AUTHORIZER.authorize(asNotANode)).isEqualTo(Decision.NO_OPINION);
    }

    @Test
    void aRefusalSaysWhy() {
        assertThat(AUTHORIZER.authorize(r("get", "secrets", "", "shop", "other-pass", null)).reason())
                .isEqualTo("no relationship found between node 'n1' and this object");
        assertThat(AUTHORIZER.authorize(r("update", "pods", "status", "shop", "other", null)).reason())
                .isEqualTo("node 'n1' may only change pods bound to it");
        assertThat(Optional.of(AUTHORIZER.authorize(r("update", "nodes", "", null, "n2", null)).reason()))
                .contains("node 'n1' may only create and update its own Node");
    }
}
