package dev.jk8s.scheduler.plugins;

import static dev.jk8s.scheduler.TestCluster.node;
import static dev.jk8s.scheduler.TestCluster.on;
import static dev.jk8s.scheduler.TestCluster.parse;
import static dev.jk8s.scheduler.TestCluster.pod;
import static dev.jk8s.scheduler.TestCluster.requesting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.scheduler.framework.FilterPlugin;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.framework.Status;
import dev.jk8s.scheduler.plugins.interpodaffinity.InterPodAffinity;
import dev.jk8s.scheduler.plugins.nodeaffinity.NodeAffinity;
import dev.jk8s.scheduler.plugins.nodename.NodeName;
import dev.jk8s.scheduler.plugins.nodeports.NodePorts;
import dev.jk8s.scheduler.plugins.nodeready.NodeReady;
import dev.jk8s.scheduler.plugins.noderesources.NodeResourcesFit;
import dev.jk8s.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import dev.jk8s.scheduler.plugins.tainttoleration.TaintToleration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each filter plugin on one node (node-1, optionally with pods on it and on node-2): the exact reasons, or none. */
class FilterPluginsTest {

    private static final String APP = "containers: [{name: app, image: app}]\n";
    private static final Node PLAIN = node("node-1", "2", "4Gi");

    private static Arguments c(String name, FilterPlugin plugin, Pod pod, Node node, List<Pod> existing, String... reasons) {
        return Arguments.of(named(name, plugin), pod, node, existing, List.of(reasons));
    }

    private static Pod app(String spec) {
        return pod("web", "{app: web}", APP + spec);
    }

    private static Node labelled(String labels) {
        return node("node-1", "2", "4Gi", labels, "{}");
    }

    private static Node tainted(String taints) {
        return node("node-1", "2", "4Gi", "{}", "{taints: " + taints + "}");
    }

    private static Pod tolerating(String tolerations) {
        return app("tolerations: " + tolerations);
    }

    private static Pod withPorts(String name, String ports) {
        return pod(name, "{}", "containers: [{name: app, image: app, ports: " + ports + "}]");
    }

    private static String nodeAffinity(String requirement) {
        return "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: "
                + "{nodeSelectorTerms: [{matchExpressions: [" + requirement + "]}]}}}";
    }

    private static Pod podAffinity(String name, String labels, String kind, String selector, String topologyKey) {
        return pod(name, labels, APP + "affinity: {" + kind + ": {requiredDuringSchedulingIgnoredDuringExecution: "
                + "[{labelSelector: {matchLabels: " + selector + "}, topologyKey: " + topologyKey + "}]}}");
    }

    static Stream<Arguments> cases() {
        NodeUnschedulable unschedulable = new NodeUnschedulable();
        NodeReady ready = new NodeReady();
        NodeName nodeName = new NodeName();
        NodeResourcesFit fit = new NodeResourcesFit();
        NodeAffinity affinity = new NodeAffinity();
        TaintToleration taints = new TaintToleration();
        NodePorts ports = new NodePorts();
        InterPodAffinity podAffinity = new InterPodAffinity();
        Node cordoned = node("node-1", "2", "4Gi", "{}", "{unschedulable: true}");
        Node zoneA = labelled("{zone: a, cores: \"8\"}");
        return Stream.of(
                c("schedulable node", unschedulable, app(""), PLAIN, List.of()),
                c("cordoned node", unschedulable, app(""), cordoned, List.of(), "node(s) were unschedulable"),
                c("cordoned node, unschedulable taint tolerated", unschedulable,
                        tolerating("[{key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}]"), cordoned, List.of()),
                c("ready node", ready, app(""), PLAIN, List.of()),
                c("node not ready", ready, app(""), notReady("False"), List.of(), "node(s) were not ready"),
                c("node without Ready condition", ready, app(""), notReady(null), List.of(), "node(s) were not ready"),
                c("pod names this node", nodeName, app("nodeName: node-1"), PLAIN, List.of()),
                c("pod names another node", nodeName, app("nodeName: node-2"), PLAIN, List.of(),
                        "node(s) didn't match the requested node name"),
                // ---- resources ----
                c("fits exactly", fit, requesting("p", "2", "4Gi"), PLAIN, List.of()),
                c("too much cpu", fit, requesting("p", "2100m", "1Gi"), PLAIN, List.of(), "Insufficient cpu"),
                c("too much of both", fit, requesting("p", "3", "5Gi"), PLAIN, List.of(), "Insufficient cpu", "Insufficient memory"),
                c("existing pods use the room", fit, requesting("p", "1", "1Gi"), PLAIN,
                        List.of(on("node-1", requesting("a", "1500m", "1Gi"))), "Insufficient cpu"),
                c("no requests always fit", fit, app(""), node("node-1", "0", "0"), List.of()),
                c("init container larger than the apps", fit, pod("p", "{}", """
                        initContainers: [{name: init, image: app, resources: {requests: {memory: 5Gi}}}]
                        containers: [{name: a, image: app, resources: {requests: {memory: 1Gi}}}]
                        """), PLAIN, List.of(), "Insufficient memory"),
                c("pod count reached", fit, app(""), parseNode("{pods: \"1\"}"), List.of(on("node-1", app(""))), "Too many pods"),
                // ---- node affinity and selector ----
                c("nodeSelector matches", affinity, app("nodeSelector: {zone: a}"), zoneA, List.of()),
                c("nodeSelector does not match", affinity, app("nodeSelector: {zone: b}"), zoneA, List.of(),
                        NodeAffinity.REASON),
                c("In matches", affinity, app(nodeAffinity("{key: zone, operator: In, values: [a, b]}")), zoneA, List.of()),
                c("NotIn excludes", affinity, app(nodeAffinity("{key: zone, operator: NotIn, values: [a]}")), zoneA, List.of(),
                        NodeAffinity.REASON),
                c("NotIn on a missing label", affinity, app(nodeAffinity("{key: disk, operator: NotIn, values: [hdd]}")), zoneA, List.of()),
                c("Exists", affinity, app(nodeAffinity("{key: zone, operator: Exists}")), zoneA, List.of()),
                c("DoesNotExist", affinity, app(nodeAffinity("{key: zone, operator: DoesNotExist}")), zoneA, List.of(),
                        NodeAffinity.REASON),
                c("Gt compares integers", affinity, app(nodeAffinity("{key: cores, operator: Gt, values: [\"10\"]}")), zoneA,
                        List.of(), NodeAffinity.REASON),
                c("Lt compares integers", affinity, app(nodeAffinity("{key: cores, operator: Lt, values: [\"10\"]}")), zoneA, List.of()),
                c("expressions are ANDed", affinity, app(nodeAffinity(
                        "{key: zone, operator: In, values: [a]}, {key: cores, operator: Gt, values: [\"8\"]}")), zoneA, List.of(),
                        NodeAffinity.REASON),
                c("terms are ORed", affinity, app("""
                        affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [
                          {matchExpressions: [{key: zone, operator: In, values: [b]}]},
                          {matchFields: [{key: metadata.name, operator: In, values: [node-1]}]}]}}}
                        """), zoneA, List.of()),
                c("selector and affinity both needed", affinity,
                        app("nodeSelector: {zone: b}\n" + nodeAffinity("{key: zone, operator: Exists}")), zoneA, List.of(),
                        NodeAffinity.REASON),
                // ---- taints ----
                c("NoSchedule taint not tolerated", taints, app(""), tainted("[{key: gpu, value: \"true\", effect: NoSchedule}]"),
                        List.of(), "node(s) had untolerated taint {gpu: true}"),
                c("not-ready taint named as Kubernetes names it", taints, app(""),
                        tainted("[{key: node.kubernetes.io/not-ready, effect: NoExecute}]"), List.of(),
                        "node(s) had untolerated taint {node.kubernetes.io/not-ready: }"),
                c("Equal toleration", taints, tolerating("[{key: gpu, operator: Equal, value: \"true\", effect: NoSchedule}]"),
                        tainted("[{key: gpu, value: \"true\", effect: NoSchedule}]"), List.of()),
                c("Equal toleration with another value", taints, tolerating("[{key: gpu, value: \"false\"}]"),
                        tainted("[{key: gpu, value: \"true\", effect: NoSchedule}]"), List.of(), "node(s) had untolerated taint {gpu: true}"),
                c("Exists toleration", taints, tolerating("[{key: gpu, operator: Exists}]"),
                        tainted("[{key: gpu, value: \"true\", effect: NoExecute}]"), List.of()),
                c("empty key with Exists tolerates everything", taints, tolerating("[{operator: Exists}]"),
                        tainted("[{key: a, effect: NoSchedule}, {key: b, value: c, effect: NoExecute}]"), List.of()),
                c("toleration for another effect", taints, tolerating("[{key: gpu, operator: Exists, effect: NoExecute}]"),
                        tainted("[{key: gpu, effect: NoSchedule}]"), List.of(), "node(s) had untolerated taint {gpu: }"),
                c("PreferNoSchedule does not filter", taints, app(""), tainted("[{key: spot, effect: PreferNoSchedule}]"), List.of()),
                c("first untolerated taint named", taints, tolerating("[{key: a, operator: Exists}]"),
                        tainted("[{key: a, effect: NoSchedule}, {key: b, value: x, effect: NoSchedule}]"), List.of(),
                        "node(s) had untolerated taint {b: x}"),
                // ---- host ports ----
                c("free host port", ports, withPorts("p", "[{containerPort: 80, hostPort: 8080}]"), PLAIN,
                        List.of(on("node-1", withPorts("a", "[{containerPort: 80, hostPort: 8081}]")))),
                c("host port taken", ports, withPorts("p", "[{containerPort: 80, hostPort: 8080}]"), PLAIN,
                        List.of(on("node-1", withPorts("a", "[{containerPort: 81, hostPort: 8080}]"))), NodePorts.REASON),
                c("same port, other protocol", ports, withPorts("p", "[{containerPort: 53, hostPort: 53, protocol: UDP}]"), PLAIN,
                        List.of(on("node-1", withPorts("a", "[{containerPort: 53, hostPort: 53}]")))),
                c("same port, other address", ports, withPorts("p", "[{containerPort: 80, hostPort: 80, hostIP: 127.0.0.2}]"), PLAIN,
                        List.of(on("node-1", withPorts("a", "[{containerPort: 80, hostPort: 80, hostIP: 127.0.0.3}]")))),
                c("wildcard address conflicts with any", ports, withPorts("p", "[{containerPort: 80, hostPort: 80}]"), PLAIN,
                        List.of(on("node-1", withPorts("a", "[{containerPort: 80, hostPort: 80, hostIP: 127.0.0.3}]"))), NodePorts.REASON),
                // ---- inter-pod affinity ----
                c("anti-affinity: a matching pod on the host", podAffinity,
                        podAffinity("web-2", "{app: web}", "podAntiAffinity", "{app: web}", "kubernetes.io/hostname"), PLAIN,
                        List.of(on("node-1", pod("web-1", "{app: web}", APP))), InterPodAffinity.ANTI_AFFINITY_REASON),
                c("anti-affinity: the matching pod is on another host", podAffinity,
                        podAffinity("web-2", "{app: web}", "podAntiAffinity", "{app: web}", "kubernetes.io/hostname"), PLAIN,
                        List.of(on("node-2", pod("web-1", "{app: web}", APP)))),
                c("anti-affinity of an existing pod (symmetry)", podAffinity, pod("web-2", "{app: web}", APP), PLAIN,
                        List.of(on("node-1", podAffinity("db", "{app: db}", "podAntiAffinity", "{app: web}", "kubernetes.io/hostname"))),
                        InterPodAffinity.EXISTING_ANTI_AFFINITY_REASON),
                c("anti-affinity in another namespace does not count", podAffinity,
                        podAffinity("web-2", "{app: web}", "podAntiAffinity", "{app: web}", "kubernetes.io/hostname"), PLAIN,
                        List.of(on("node-1", otherNamespace(pod("web-1", "{app: web}", APP))))),
                c("affinity: a matching pod in the zone", podAffinity,
                        podAffinity("web", "{app: web}", "podAffinity", "{app: cache}", "zone"), zoneA,
                        List.of(on("node-2", pod("cache", "{app: cache}", APP)))),
                c("affinity: no matching pod in the zone", podAffinity,
                        podAffinity("web", "{app: web}", "podAffinity", "{app: cache}", "zone"), zoneA,
                        List.of(on("node-3", pod("cache", "{app: cache}", APP))), InterPodAffinity.AFFINITY_REASON),
                c("affinity: node lacks the topology key", podAffinity,
                        podAffinity("web", "{app: web}", "podAffinity", "{app: cache}", "rack"), zoneA,
                        List.of(), InterPodAffinity.AFFINITY_REASON),
                c("affinity to itself: the first pod may go anywhere", podAffinity,
                        podAffinity("web", "{app: web}", "podAffinity", "{app: web}", "zone"), zoneA, List.of()),
                c("affinity to others: no such pod anywhere", podAffinity,
                        podAffinity("web", "{app: web}", "podAffinity", "{app: cache}", "zone"), zoneA, List.of(),
                        InterPodAffinity.AFFINITY_REASON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(FilterPlugin plugin, Pod pod, Node node, List<Pod> existing, List<String> reasons) {
        List<Node> nodes = new ArrayList<>(List.of(node,
                node("node-2", "2", "4Gi", "{zone: a}", "{}"), node("node-3", "2", "4Gi", "{zone: b}", "{}")));
        Snapshot snapshot = Snapshot.of(nodes, existing);

        Status status = plugin.filter(pod, snapshot.get("node-1").orElseThrow(), snapshot);

        assertThat(status.reasons()).containsExactlyElementsOf(reasons);
        assertThat(status.isSuccess()).isEqualTo(reasons.isEmpty());
    }

    private static Node notReady(String status) {
        String conditions = status == null ? "[]" : "[{type: Ready, status: \"" + status + "\"}]";
        return Kinds.NODE.cast(parse("apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\n"
                + "status: {allocatable: {cpu: \"2\", memory: 4Gi, pods: \"110\"}, conditions: " + conditions + "}"));
    }

    private static Node parseNode(String allocatable) {
        return Kinds.NODE.cast(parse("apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\n"
                + "status: {allocatable: " + allocatable + ", conditions: [{type: Ready, status: \"True\"}]}"));
    }

    private static Pod otherNamespace(Pod pod) {
        return pod.withMetadata(pod.metadata().withNamespace("other"));
    }
}
