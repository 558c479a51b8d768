package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.controllermanager.controller.ControllerOptions;
import dev.jk8s.kubelet.hollow.HollowNodes;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.testkit.TestObjects;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node whose kubelet stops: marked Unknown and tainted, its pods evicted and recreated elsewhere. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NodeLifecycleIT {

    /**
     * Grace 10 s and a 2 s default toleration instead of 40 s and 300 s, so that the test takes
     * seconds; the healthy nodes renew every second, so even a loaded machine keeps them well inside.
     */
    static final ControllerOptions FAST = new ControllerOptions(Duration.ofSeconds(10), Duration.ofSeconds(2), 100, null);

    ControlPlane cluster;
    HollowNodes doomed;
    HollowNodes healthy;

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(0, FAST, "replicaset", "nodelifecycle", "podgc");
        NodeConfig fast = NodeConfig.defaults("template").withResources(Quantity.parse("4"), Quantity.parse("8Gi"), 110)
                .withLease(Duration.ofSeconds(1), Duration.ofSeconds(10))
                .withStatusFrequencies(Duration.ofSeconds(1), Duration.ofSeconds(60));
        doomed = HollowNodes.start(cluster.client, 1, "doomed-", fast, Files.createTempDirectory("hollow"), 2);
        healthy = HollowNodes.start(cluster.client, 2, "healthy-", fast, Files.createTempDirectory("hollow"), 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client.resource(Kinds.NODE).list(null).items().stream()
                .filter(n -> ready(n).equals("True")).count() == 3);
    }

    @AfterEach
    void stop() {
        healthy.close();
        doomed.close();
        cluster.close();
    }

    private static String ready(Node n) {
        return Condition.find(n.status().conditions(), "Ready").map(Condition::status).orElse("");
    }

    private List<Pod> pods() {
        return cluster.client.resource(Kinds.POD).list("default").items();
    }

    @Test
    void aNodeWhoseLeaseStopsIsMarkedUnknownItsPodsAreRecreatedElsewhereAndGoneWithTheNode() {
        cluster.client.resource(Kinds.REPLICA_SET).create((ReplicaSet) TestObjects.parse("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 6
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: "jk8s/http:1.0"}]}
                """));
        await().atMost(Duration.ofSeconds(30)).until(() -> pods().stream().filter(p -> "Running".equals(p.status().phase())).count() == 6
                && pods().stream().anyMatch(p -> "doomed-1".equals(p.spec().nodeName())));
        Set<String> onDoomed = pods().stream().filter(p -> "doomed-1".equals(p.spec().nodeName()))
                .map(p -> p.metadata().name()).collect(Collectors.toSet());

        doomed.close(); // the kubelet stops: no more Lease renewals

        await().atMost(Duration.ofSeconds(30)).until(() -> ready(cluster.client.resource(Kinds.NODE).get(null, "doomed-1")).equals("Unknown"));
        // the taints follow the condition in a write of their own
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cluster.client.resource(Kinds.NODE)
                .get(null, "doomed-1").spec().taints()).extracting(t -> t.key() + ":" + t.effect())
                .contains("node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"));
        await().atMost(Duration.ofSeconds(30)).until(() -> pods().stream()
                .filter(p -> !p.metadata().isTerminating() && "Running".equals(p.status().phase())
                        && p.spec().nodeName().startsWith("healthy-")).count() == 6);
        assertThat(pods()).filteredOn(p -> onDoomed.contains(p.metadata().name()))
                .allSatisfy(p -> assertThat(p.metadata().isTerminating()).isTrue());

        // no kubelet will ever finish them; once the Node is deleted, the pod garbage collector
        // force-deletes them after its 40 s quarantine
        cluster.client.resource(Kinds.NODE).delete(null, "doomed-1");
        await().atMost(Duration.ofSeconds(75)).until(() -> pods().stream().noneMatch(p -> onDoomed.contains(p.metadata().name())));
    }
}
