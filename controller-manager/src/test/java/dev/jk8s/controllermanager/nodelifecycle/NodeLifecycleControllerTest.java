package dev.jk8s.controllermanager.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Condition;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.coordination.LeaseSpec;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Taint;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.ControllerOptions;
import dev.jk8s.controllermanager.controller.FakeApiWriter;
import dev.jk8s.controllermanager.controller.RecordingEvents;
import dev.jk8s.testkit.ManualClock;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeLifecycleControllerTest {

    final Indexer<Node> nodes = new Indexer<>();
    final Indexer<Lease> leases = new Indexer<>();
    final Indexer<Pod> pods = new Indexer<>();
    final FakeApiWriter api = new FakeApiWriter();
    final RecordingEvents events = new RecordingEvents();
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    final NodeLifecycleController controller;

    NodeLifecycleControllerTest() {
        pods.addIndex(NodeLifecycleController.BY_NODE, p -> p.spec().nodeName() == null ? List.of() : List.of(p.spec().nodeName()));
        controller = new NodeLifecycleController(nodes, leases, pods, api, events, clock,
                new ControllerOptions(Duration.ofSeconds(40), Duration.ofSeconds(300), 100, null), new ControllerMetrics(), 1);
    }

    Node node(String ready, Instant heartbeat, Taint... taints) {
        Node n = (Node) TestObjects.parse("apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\n");
        return n.withSpec(n.spec().withTaints(List.of(taints))).withStatus(n.status().withConditions(List.of(
                new Condition("Ready", ready, null, heartbeat, null, heartbeat, "KubeletReady", "kubelet is posting ready status"))));
    }

    void lease(Instant renewed) {
        Lease l = (Lease) TestObjects.parse("apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: node-1, namespace: kube-node-lease}\n");
        leases.put(l.withSpec(new LeaseSpec("node-1", 40, renewed, renewed, 0)));
    }

    Pod pod(String name, String tolerations) {
        Pod p = (Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: default, uid: uid-" + name
                + "}\nspec: {nodeName: node-1, containers: [{name: app, image: app}], tolerations: " + tolerations + "}\n");
        pods.put(p);
        return p;
    }

    @Test
    void aNodeThatRenewsItsLeaseIsLeftAloneAndLookedAtAgainWhenItWouldExpire() {
        nodes.put(node("True", clock.instant().minusSeconds(30)));
        lease(clock.instant().minusSeconds(10));

        var again = controller.sync("node-1");

        assertThat(api.actions).isEmpty();
        assertThat(again).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(31)));
    }

    @Test
    void aNodeSilentForTheGracePeriodBecomesUnknownAndUnreachable() {
        nodes.put(node("True", clock.instant().minusSeconds(50)));
        lease(clock.instant().minusSeconds(41));

        controller.sync("node-1");

        assertThat(api.actions).containsExactly("status nodes node-1", "update nodes node-1");
        Node status = (Node) api.written.get(0);
        Condition ready = Condition.find(status.status().conditions(), "Ready").orElseThrow();
        assertThat(ready.status()).isEqualTo("Unknown");
        assertThat(ready.reason()).isEqualTo("NodeStatusUnknown");
        assertThat(ready.message()).isEqualTo("Kubelet stopped posting node status.");
        Node tainted = (Node) api.written.get(1);
        assertThat(tainted.spec().taints()).extracting(t -> t.key() + ":" + t.effect()).containsExactly(
                "node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute");
    }

    @Test
    void aNodeReportingNotReadyIsTaintedNotReadyAndARecoveredNodeLosesTheTaints() {
        nodes.put(node("False", clock.instant()));
        lease(clock.instant());
        controller.sync("node-1");
        assertThat(((Node) api.written.get(0)).spec().taints()).extracting(Taint::key).containsOnly("node.kubernetes.io/not-ready");

        api.written.clear();
        nodes.put(node("True", clock.instant(), new Taint("node.kubernetes.io/not-ready", null, "NoExecute", clock.instant()),
                new Taint("dedicated", "db", "NoSchedule", null)));
        controller.sync("node-1");
        assertThat(((Node) api.written.get(0)).spec().taints()).extracting(Taint::key).containsExactly("dedicated");
    }

    @Test
    void podsLeaveAnUnreachableNodeWhenTheirTolerationRunsOut() {
        Instant since = clock.instant().minusSeconds(60);
        nodes.put(node("Unknown", since, new Taint("node.kubernetes.io/unreachable", null, "NoSchedule", since),
                new Taint("node.kubernetes.io/unreachable", null, "NoExecute", since)));
        lease(since);
        pod("default-toleration", "[]");
        pod("short", "[{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 30}]");
        pod("forever", "[{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}]");

        var again = controller.sync("node-1");

        assertThat(api.actions).containsExactly("delete pods default/short");
        assertThat(events.events).containsExactly("Normal TaintManagerEviction: Marking for deletion Pod default/short");
        assertThat(again).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(240), Duration.ofSeconds(241)));

        clock.advance(Duration.ofSeconds(241));
        controller.sync("node-1");
        assertThat(api.actions).contains("delete pods default/default-toleration").doesNotContain("delete pods default/forever");
    }
}
