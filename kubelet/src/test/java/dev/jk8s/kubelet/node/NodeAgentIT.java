package dev.jk8s.kubelet.node;

import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.FakeRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.NodeAddress;
import dev.jk8s.api.core.NodeSpec;
import dev.jk8s.api.core.Taint;
import dev.jk8s.client.ResourceClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The node agent against a real apiserver and etcd: what `jctl get nodes` and the lease show. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NodeAgentIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration FAST = Duration.ofMillis(200);

    static ControlPlane plane;
    static ResourceClient<Node> nodes;
    static ResourceClient<Lease> leases;

    ScheduledExecutorService executor;
    FakeRuntime runtime;
    final List<NodeAgent> agents = new ArrayList<>();

    @BeforeAll
    static void startPlane() throws Exception {
        plane = ControlPlane.start();
        nodes = plane.client().resource(Kinds.NODE);
        leases = plane.client().resource(Kinds.LEASE);
    }

    @AfterAll
    static void stopPlane() {
        plane.close();
    }

    @BeforeEach
    void setUp() {
        executor = Executors.newScheduledThreadPool(2);
        runtime = new FakeRuntime(java.time.Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        agents.forEach(NodeAgent::stop);
        executor.shutdownNow();
    }

    @Test
    void registersTheNodeAsJctlShowsIt() {
        start(fast("reg").withResources(Quantity.parse("2"), Quantity.parse("4Gi"), 30)
                .withLabels(Map.of("zone", "a")).withEndpoint("127.0.0.1", 10250));

        Node node = awaitReady("reg");

        assertThat(node.metadata().labels()).containsEntry("zone", "a").containsEntry("kubernetes.io/hostname", "reg")
                .containsEntry("kubernetes.io/os", "linux").containsKey("kubernetes.io/arch");
        assertThat(node.status().capacity()).isEqualTo(Map.of("cpu", Quantity.parse("2"),
                "memory", Quantity.parse("4Gi"), "pods", Quantity.parse("30")));
        assertThat(node.status().allocatable()).isEqualTo(node.status().capacity());
        assertThat(node.status().addresses()).containsExactly(new NodeAddress("InternalIP", "127.0.0.1"),
                new NodeAddress("Hostname", "reg"));
        assertThat(node.status().daemonEndpoints().kubeletPort()).isEqualTo(10250);
        assertThat(node.status().nodeInfo().containerRuntimeVersion()).isEqualTo("fake://1.0");
        assertThat(node.status().nodeInfo().kubeletVersion()).isNotBlank();
        assertThat(node.status().conditions()).extracting(Condition::type, Condition::status)
                .containsExactly(tuple("MemoryPressure", "False"),
                        tuple("DiskPressure", "False"),
                        tuple("PIDPressure", "False"),
                        tuple("Ready", "True"));
        Condition ready = ready(node);
        assertThat(ready.reason()).isEqualTo("KubeletReady");
        assertThat(ready.message()).isEqualTo("kubelet is posting ready status");
        assertThat(ready.lastHeartbeatTime()).isNotNull();
        assertThat(ready.lastTransitionTime()).isNotNull();
    }

    @Test
    void renewsItsLeaseAndPostsNoStatusWhileNothingChanges() {
        start(fast("lease"));
        awaitReady("lease");
        Lease first = await().atMost(WAIT).ignoreExceptions().until(() -> leases.get("kube-node-lease", "lease"),
                l -> l.spec().renewTime() != null);
        String nodeVersion = nodes.get(null, "lease").metadata().resourceVersion();

        Lease later = await().atMost(WAIT).until(() -> leases.get("kube-node-lease", "lease"),
                l -> l.spec().renewTime().isAfter(first.spec().renewTime().plusMillis(500)));

        assertThat(later.spec().holderIdentity()).isEqualTo("lease");
        assertThat(later.spec().leaseDurationSeconds()).isEqualTo(40);
        assertThat(later.metadata().ownerReferences()).singleElement()
                .satisfies(o -> assertThat(o.uid()).isEqualTo(nodes.get(null, "lease").metadata().uid()));
        // several status rounds later, nothing changed, so nothing was written to the Node
        assertThat(nodes.get(null, "lease").metadata().resourceVersion()).isEqualTo(nodeVersion);
    }

    @Test
    void aDeletedNodeIsRegisteredAgain() {
        start(fast("again"));
        String uid = awaitReady("again").metadata().uid();

        nodes.delete(null, "again");

        Node back = await().atMost(WAIT).ignoreExceptions().until(() -> nodes.get(null, "again"),
                n -> !n.metadata().uid().equals(uid) && ready(n).isTrue());
        assertThat(back.metadata().labels()).containsEntry("kubernetes.io/hostname", "again");
    }

    @Test
    void taintsAreSetOnlyWhenTheKubeletCreatesTheNode() {
        Taint dedicated = Taint.of("dedicated", "db", Taint.NO_SCHEDULE);
        NodeConfig config = fast("tainted").withTaints(List.of(dedicated));
        NodeAgent first = start(config);
        Node created = awaitReady("tainted");
        assertThat(created.spec().taints()).containsExactly(dedicated);

        // a user removes the taint and a label; the kubelet restarts
        first.stop();
        Map<String, String> labels = new java.util.HashMap<>(created.metadata().labels());
        labels.remove("kubernetes.io/os");
        nodes.guaranteedUpdate(null, "tainted", n -> n.withSpec(n.spec().withTaints(List.of()))
                .withMetadata(n.metadata().withLabels(labels)));
        start(config);

        Node adopted = await().atMost(WAIT).until(() -> nodes.get(null, "tainted"),
                n -> "linux".equals(n.metadata().labels().get("kubernetes.io/os")));
        assertThat(adopted.spec().taints()).isEmpty();
        assertThat(adopted.metadata().uid()).isEqualTo(created.metadata().uid());
    }

    @Test
    void aNodeSomeoneElseCreatedIsAdoptedWithoutTaints() {
        nodes.create(new Node(ObjectMeta.builder().name("pre").labels(Map.of("team", "x")).build(), NodeSpec.EMPTY));
        start(fast("pre").withTaints(List.of(Taint.of("dedicated", "db", Taint.NO_SCHEDULE))));

        Node node = awaitReady("pre");

        assertThat(node.metadata().labels()).containsEntry("team", "x").containsEntry("kubernetes.io/hostname", "pre");
        assertThat(node.spec().taints()).isEmpty();
    }

    @Test
    void aRuntimeThatStopsAnsweringMakesTheNodeNotReadyAndBack() {
        start(fast("sick"));
        Instant readySince = ready(awaitReady("sick")).lastTransitionTime();

        runtime.failWith(new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock"));

        Node sick = await().atMost(WAIT).until(() -> nodes.get(null, "sick"), n -> !ready(n).isTrue());
        assertThat(ready(sick).status()).isEqualTo("False");
        assertThat(ready(sick).reason()).isEqualTo("KubeletNotReady");
        assertThat(ready(sick).message()).isEqualTo(
                "container runtime is down: Cannot connect to the Docker daemon at unix:///var/run/docker.sock");
        assertThat(sick.status().nodeInfo().containerRuntimeVersion()).isEqualTo("fake://1.0");

        runtime.failWith(null);

        Node well = await().atMost(WAIT).until(() -> nodes.get(null, "sick"), n -> ready(n).isTrue());
        assertThat(ready(well).reason()).isEqualTo("KubeletReady");
        assertThat(ready(well).lastTransitionTime()).isAfterOrEqualTo(ready(sick).lastTransitionTime())
                .isAfterOrEqualTo(readySince);
    }

    @Test
    void aThousandHollowNodesShareOneClientAndFourThreads() {
        ScheduledExecutorService shared = Executors.newScheduledThreadPool(4);
        try {
            IntStream.range(0, 1000).forEach(i -> start(NodeConfig.defaults("hollow-" + i), shared));

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    nodes.list(null).items().stream().filter(n -> n.metadata().name().startsWith("hollow-")
                            && ready(n).isTrue()).count() == 1000
                    && leases.list("kube-node-lease").items().stream()
                            .filter(l -> l.metadata().name().startsWith("hollow-")).count() == 1000);
        } finally {
            agents.forEach(NodeAgent::stop);
            shared.shutdownNow();
        }
    }

    @Test
    void stopEndsTheRoundsAndLeavesTheSharedExecutorEmpty() {
        ScheduledThreadPoolExecutor shared = new ScheduledThreadPoolExecutor(1);
        shared.setRemoveOnCancelPolicy(true);
        try {
            NodeAgent agent = start(fast("stopped"), shared);
            awaitReady("stopped");
            await().atMost(WAIT).until(() -> shared.getQueue().size() == 2); // both rounds scheduled, neither running

            agent.stop();
            agent.stop();

            assertThat(shared.getQueue()).isEmpty();
        } finally {
            shared.shutdownNow();
        }
    }

    private NodeConfig fast(String name) {
        return NodeConfig.defaults(name).withStatusFrequencies(FAST, NodeConfig.DEFAULT_STATUS_REPORT_FREQUENCY)
                .withLease(FAST, NodeConfig.DEFAULT_LEASE_DURATION);
    }

    private NodeAgent start(NodeConfig config) {
        return start(config, executor);
    }

    private NodeAgent start(NodeConfig config, ScheduledExecutorService on) {
        NodeAgent agent = new NodeAgent(plane.client(), runtime, config, on);
        agents.add(agent);
        agent.start();
        return agent;
    }

    private static Node awaitReady(String name) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> nodes.get(null, name), n -> ready(n).isTrue());
    }

    private static Condition ready(Node node) {
        return Condition.find(node.status().conditions(), "Ready")
                .orElse(Condition.of("Ready", Condition.UNKNOWN, null, null, null));
    }
}
