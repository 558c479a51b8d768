package dev.jk8s.kubelet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.jk8s.api.Condition;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.NodeAddress;
import dev.jk8s.api.core.NodeSpec;
import dev.jk8s.api.core.NodeStatus;
import dev.jk8s.api.core.NodeSystemInfo;
import dev.jk8s.api.core.Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class NodeStatusPlannerTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant NOW = T0.plusSeconds(600);
    private static final NodeSystemInfo HOST =
            new NodeSystemInfo("6.1.0", "Debian GNU/Linux 12 (bookworm)", null, "0.1.0", "linux", "amd64");
    private static final NodeConfig CONFIG = NodeConfig.defaults("n1")
            .withResources(Quantity.parse("4"), Quantity.parse("8Gi"), 110)
            .withEndpoint("127.0.0.1", 10250).withHost(HOST)
            .withLabels(Map.of("zone", "a"))
            .withTaints(List.of(Taint.of("dedicated", "db", Taint.NO_SCHEDULE)));
    private static final RuntimeHealth UP = RuntimeHealth.ok("docker://20.10.24");
    private static final RuntimeHealth DOWN = RuntimeHealth.failed("Cannot connect to the Docker daemon");

    @Test
    void registrationReportsResourcesAddressesVersionsAndEndpoint() {
        NodeStatus s = NodeStatusPlanner.desired(CONFIG, UP, NodeStatus.EMPTY, NOW);

        Map<String, Quantity> expected = Map.of("cpu", Quantity.parse("4"), "memory", Quantity.parse("8Gi"),
                "pods", Quantity.parse("110"));
        assertThat(s.capacity()).isEqualTo(expected);
        assertThat(s.allocatable()).isEqualTo(expected);
        assertThat(s.addresses()).containsExactly(new NodeAddress("InternalIP", "127.0.0.1"),
                new NodeAddress("Hostname", "n1"));
        assertThat(s.nodeInfo()).isEqualTo(new NodeSystemInfo("6.1.0", "Debian GNU/Linux 12 (bookworm)",
                "docker://20.10.24", "0.1.0", "linux", "amd64"));
        assertThat(s.daemonEndpoints().kubeletPort()).isEqualTo(10250);
        assertThat(s.conditions()).extracting(Condition::type, Condition::status, Condition::reason, Condition::message)
                .containsExactly(
                        tuple("MemoryPressure", "False", "KubeletHasSufficientMemory",
                                "kubelet has sufficient memory available"),
                        tuple("DiskPressure", "False", "KubeletHasNoDiskPressure",
                                "kubelet has no disk pressure"),
                        tuple("PIDPressure", "False", "KubeletHasSufficientPID",
                                "kubelet has sufficient PID available"),
                        tuple("Ready", "True", "KubeletReady",
                                "kubelet is posting ready status"));
        assertThat(s.conditions()).allSatisfy(c -> {
            assertThat(c.lastHeartbeatTime()).isEqualTo(NOW);
            assertThat(c.lastTransitionTime()).isEqualTo(NOW);
        });
    }

    /** name, runtime now, Ready before (null: none), expected Ready status, reason, message, transition time. */
    static Stream<Arguments> readiness() {
        String down = "container runtime is down: Cannot connect to the Docker daemon";
        return Stream.of(
                Arguments.of("first report, runtime up", UP, null, "True", "KubeletReady",
                        "kubelet is posting ready status", NOW),
                Arguments.of("first report, runtime down", DOWN, null, "False", "KubeletNotReady", down, NOW),
                Arguments.of("still ready: transition time kept", UP, "True", "True", "KubeletReady",
                        "kubelet is posting ready status", T0),
                Arguments.of("runtime stops answering: NotReady from now", DOWN, "True", "False", "KubeletNotReady",
                        down, NOW),
                Arguments.of("still not ready: transition time kept", DOWN, "False", "False", "KubeletNotReady",
                        down, T0),
                Arguments.of("runtime answers again: Ready from now", UP, "False", "True", "KubeletReady",
                        "kubelet is posting ready status", NOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readiness")
    void readyFollowsTheRuntime(String name, RuntimeHealth runtime, String before, String status, String reason,
                                String message, Instant transition) {
        NodeStatus previous = before == null ? NodeStatus.EMPTY : reported(before, T0);

        NodeStatus s = NodeStatusPlanner.desired(CONFIG, runtime, previous, NOW);

        Condition ready = Condition.find(s.conditions(), "Ready").orElseThrow();
        assertThat(ready.status()).isEqualTo(status);
        assertThat(ready.reason()).isEqualTo(reason);
        assertThat(ready.message()).isEqualTo(message);
        assertThat(ready.lastTransitionTime()).isEqualTo(transition);
        assertThat(ready.lastHeartbeatTime()).isEqualTo(NOW);
    }

    @Test
    void pressureConditionsKeepTheirTransitionTimeWhileTheReadyOneChanges() {
        NodeStatus s = NodeStatusPlanner.desired(CONFIG, DOWN, reported("True", T0), NOW);

        assertThat(Condition.find(s.conditions(), "MemoryPressure").orElseThrow().lastTransitionTime()).isEqualTo(T0);
    }

    @Test
    void aFailingRuntimeKeepsTheLastKnownRuntimeVersion() {
        NodeStatus s = NodeStatusPlanner.desired(CONFIG, DOWN, reported("True", T0), NOW);

        assertThat(s.nodeInfo().containerRuntimeVersion()).isEqualTo("docker://20.10.24");
    }

    @Test
    void conditionsOthersWroteAreKeptAfterTheKubeletsOwn() {
        Condition network = Condition.of("NetworkUnavailable", "False", "RouteCreated", "routes created", T0);
        NodeStatus previous = reported("True", T0);
        List<Condition> withNetwork = new ArrayList<>(previous.conditions());
        withNetwork.add(0, network);

        NodeStatus s = NodeStatusPlanner.desired(CONFIG, UP, previous.withConditions(withNetwork), NOW);

        assertThat(s.conditions()).extracting(Condition::type)
                .containsExactly("MemoryPressure", "DiskPressure", "PIDPressure", "Ready", "NetworkUnavailable");
        assertThat(s.conditions().get(4)).isEqualTo(network);
    }

    @Test
    void timesAreWholeSecondsAsKubernetesShowsThem() {
        NodeStatus s = NodeStatusPlanner.desired(CONFIG, UP, NodeStatus.EMPTY, NOW.plusMillis(750));

        assertThat(s.conditions().get(3).lastHeartbeatTime()).isEqualTo(NOW);
    }

    /** name, stored status, status wanted now, whether to post. */
    static Stream<Arguments> posting() {
        Duration report = NodeConfig.DEFAULT_STATUS_REPORT_FREQUENCY;
        NodeStatus stored = reported("True", T0);
        NodeStatus sameLater = NodeStatusPlanner.desired(CONFIG, UP, stored, T0.plusSeconds(10));
        NodeStatus sameMuchLater = NodeStatusPlanner.desired(CONFIG, UP, stored, T0.plus(report));
        NodeStatus notReady = NodeStatusPlanner.desired(CONFIG, DOWN, stored, T0.plusSeconds(10));
        NodeStatus otherPort = NodeStatusPlanner.desired(CONFIG.withEndpoint("127.0.0.1", 10251), UP, stored,
                T0.plusSeconds(10));
        return Stream.of(
                Arguments.of("nothing changed, reported 10 s ago: no post", stored, sameLater, false),
                Arguments.of("nothing changed, report frequency reached: post", stored, sameMuchLater, true),
                Arguments.of("Ready changed: post", stored, notReady, true),
                Arguments.of("kubelet port changed: post", stored, otherPort, true),
                Arguments.of("never reported (another writer's status): post", NodeStatus.EMPTY, sameLater, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posting")
    void postsOnlyChangesOrWhenTheReportIsDue(String name, NodeStatus stored, NodeStatus desired, boolean post) {
        Instant now = desired.conditions().get(3).lastHeartbeatTime();

        assertThat(NodeStatusPlanner.shouldPost(stored, desired, now, NodeConfig.DEFAULT_STATUS_REPORT_FREQUENCY))
                .isEqualTo(post);
    }

    @Test
    void aNewNodeCarriesTheKubeletsLabelsAndTheRegistrationTaints() {
        Node node = NodeStatusPlanner.registration(CONFIG, NodeStatus.EMPTY);

        assertThat(node.metadata().name()).isEqualTo("n1");
        assertThat(node.metadata().labels()).containsExactlyInAnyOrderEntriesOf(Map.of("zone", "a",
                "kubernetes.io/hostname", "n1", "kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64"));
        assertThat(node.spec().taints()).containsExactly(Taint.of("dedicated", "db", Taint.NO_SCHEDULE));
    }

    @Test
    void anExistingNodeGetsTheKubeletsLabelsAndKeepsOthersAndItsTaints() {
        Node existing = new Node(ObjectMeta.builder().name("n1").resourceVersion("5")
                .labels(Map.of("team", "x", "kubernetes.io/hostname", "old")).build(),
                NodeSpec.EMPTY.withTaints(List.of(Taint.of("other", "1", Taint.NO_EXECUTE))));

        Node updated = NodeStatusPlanner.withKubeletLabels(existing, CONFIG).orElseThrow();

        assertThat(updated.metadata().labels()).containsEntry("team", "x").containsEntry("kubernetes.io/hostname", "n1")
                .containsEntry("zone", "a");
        assertThat(updated.metadata().resourceVersion()).isEqualTo("5");
        assertThat(updated.spec().taints()).containsExactly(Taint.of("other", "1", Taint.NO_EXECUTE));
        assertThat(NodeStatusPlanner.withKubeletLabels(updated, CONFIG)).isEmpty();
    }

    /** A status as the kubelet reported it at {@code at} with Ready {@code ready}. */
    private static NodeStatus reported(String ready, Instant at) {
        return NodeStatusPlanner.desired(CONFIG, "True".equals(ready) ? UP : DOWN, NodeStatus.EMPTY, at);
    }
}
