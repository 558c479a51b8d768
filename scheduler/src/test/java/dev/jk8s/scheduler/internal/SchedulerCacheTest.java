package dev.jk8s.scheduler.internal;

import static dev.jk8s.scheduler.TestCluster.node;
import static dev.jk8s.scheduler.TestCluster.on;
import static dev.jk8s.scheduler.TestCluster.requesting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.client.informer.Keys;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Resources;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    final SchedulerCache cache = new SchedulerCache(clock, Duration.ofSeconds(30));

    @Test
    void anAssumedPodHoldsItsRequestsUntilTheInformerShowsItBoundAndIsNeverCountedTwice() {
        cache.putNode(node("n1", "1", "1Gi"));
        Pod pod = requesting("web", "600m", "100Mi");
        cache.putPod(pod); // pending: counts nowhere
        assertThat(requestedCpu("n1")).isZero();

        cache.assume(pod, "n1");
        assertThat(requestedCpu("n1")).isEqualTo(600);

        cache.putPod(on("n1", pod)); // the informer shows the binding
        assertThat(requestedCpu("n1")).isEqualTo(600);
        assertThat(cache.assumedCount()).isZero();
        assertThat(cache.snapshot().get("n1").orElseThrow().podCount()).isEqualTo(1);
    }

    @Test
    void aFailedBindingFreesTheNode() {
        cache.putNode(node("n1", "1", "1Gi"));
        Pod pod = requesting("web", "600m", "100Mi");
        cache.assume(pod, "n1");
        cache.forget(Keys.of(pod));
        assertThat(requestedCpu("n1")).isZero();
    }

    @Test
    void anAssumptionTheInformerNeverConfirmsExpires() {
        cache.putNode(node("n1", "1", "1Gi"));
        cache.assume(requesting("web", "600m", "100Mi"), "n1");
        clock.advance(Duration.ofSeconds(29));
        assertThat(requestedCpu("n1")).isEqualTo(600);
        clock.advance(Duration.ofSeconds(2));
        assertThat(requestedCpu("n1")).isZero();
        assertThat(cache.assumedCount()).isZero();
    }

    @Test
    void aFinishedOrDeletedPodFreesItsNode() {
        cache.putNode(node("n1", "1", "1Gi"));
        Pod done = on("n1", requesting("job", "500m", "100Mi"));
        Pod gone = on("n1", requesting("web", "300m", "100Mi"));
        cache.putPod(done);
        cache.putPod(gone);
        assertThat(requestedCpu("n1")).isEqualTo(800);

        cache.putPod(done.withStatus(done.status().withPhase(PodStatus.SUCCEEDED)));
        cache.removePod(gone);
        assertThat(requestedCpu("n1")).isZero();
    }

    @Test
    void podsOnANodeTheCacheDoesNotKnowCountOnceItAppears() {
        cache.putPod(on("late", requesting("web", "250m", "100Mi")));
        assertThat(cache.snapshot().get("late")).isEmpty();
        cache.putNode(node("late", "1", "1Gi"));
        assertThat(requestedCpu("late")).isEqualTo(250);
        cache.removeNode(node("late", "1", "1Gi"));
        assertThat(cache.snapshot().size()).isZero();
    }

    @Test
    void anUnchangedClusterReusesTheLastSnapshot() {
        cache.putNode(node("n1", "1", "1Gi"));
        Snapshot first = cache.snapshot();
        assertThat(cache.snapshot()).isSameAs(first);
        cache.assume(requesting("web", "100m", "100Mi"), "n1");
        assertThat(cache.snapshot()).isNotSameAs(first);
    }

    @Test
    void namespaceLabelsReachTheSnapshot() {
        cache.putNamespace("team-a", Map.of("team", "a"));
        assertThat(cache.snapshot().namespaceLabels("team-a")).containsEntry("team", "a");
        cache.putNamespace("team-a", Map.of("team", "b"));
        assertThat(cache.snapshot().namespaceLabels("team-a")).containsEntry("team", "b");
        cache.removeNamespace("team-a");
        assertThat(cache.snapshot().namespaceLabels("team-a")).isEmpty();
    }

    /** Any sequence of informer events and decisions gives the snapshot built from scratch. */
    @Test
    void randomEventSequencesMatchASnapshotBuiltFromScratch() {
        Random random = new Random(42);
        Map<String, Node> nodes = new TreeMap<>();
        Map<String, Pod> informer = new HashMap<>(); // what the informer shows
        Map<String, Pod> assumed = new HashMap<>(); // decisions not yet shown bound
        for (int step = 0; step < 3_000; step++) {
            String nodeName = "n" + random.nextInt(6);
            String podName = "p" + random.nextInt(40);
            Pod pod = requesting(podName, (1 + random.nextInt(9)) * 100 + "m", "10Mi");
            String key = Keys.of(pod);
            switch (random.nextInt(7)) {
                case 0 -> {
                    nodes.put(nodeName, node(nodeName, "100", "100Gi"));
                    cache.putNode(nodes.get(nodeName));
                }
                case 1 -> {
                    if (nodes.remove(nodeName) != null) {
                        cache.removeNode(node(nodeName, "100", "100Gi"));
                    }
                }
                case 2 -> { // created, or seen pending
                    if (!informer.containsKey(key) || !isBound(informer.get(key))) {
                        informer.put(key, pod);
                        cache.putPod(pod);
                    }
                }
                case 3 -> { // scheduled
                    if (informer.containsKey(key) && !isBound(informer.get(key))) {
                        assumed.put(key, on(nodeName, informer.get(key)));
                        cache.assume(informer.get(key), nodeName);
                    }
                }
                case 4 -> { // the informer shows the binding, sometimes finished
                    Pod a = assumed.remove(key);
                    if (a != null) {
                        Pod shown = random.nextInt(4) == 0 ? a.withStatus(a.status().withPhase(PodStatus.FAILED)) : a;
                        informer.put(key, shown);
                        cache.putPod(shown);
                    }
                }
                case 5 -> { // the binding failed
                    if (assumed.remove(key) != null) {
                        cache.forget(key);
                    }
                }
                default -> { // deleted
                    assumed.remove(key);
                    Pod last = informer.remove(key);
                    if (last != null) {
                        cache.removePod(last);
                    }
                }
            }
            if (step % 10 == 0) {
                List<Pod> counted = new ArrayList<>(informer.values());
                counted.removeIf(p -> assumed.containsKey(Keys.of(p)));
                counted.addAll(assumed.values());
                assertThat(describe(cache.snapshot())).as("step %d", step)
                        .isEqualTo(describe(Snapshot.of(nodes.values(), counted)));
            }
        }
    }

    private static boolean isBound(Pod pod) {
        return pod.spec().nodeName() != null;
    }

    /** Node → its pods' keys (sorted) and requested cpu. */
    private static Map<String, String> describe(Snapshot snapshot) {
        Map<String, String> out = new TreeMap<>();
        for (NodeInfo n : snapshot.nodes()) {
            out.put(n.name(), n.pods().stream().map(Keys::of).sorted().toList() + " " + n.requested().milliCpu() + "m");
        }
        return out;
    }

    private long requestedCpu(String node) {
        Resources requested = cache.snapshot().get(node).orElseThrow().requested();
        return requested.milliCpu();
    }
}
