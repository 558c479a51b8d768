package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.kubelet.hollow.HollowNodes;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.scheduler.Scheduler;
import dev.jk8s.scheduler.SchedulerMetrics;
import dev.jk8s.scheduler.plugins.DefaultProfile;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.TestObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler against a real apiserver and etcd, with hollow nodes: where pods land, and why they wait. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchedulerIT {

    EtcdServer etcd;
    ApiServer apiserver;
    ApiClient client;
    ResourceClient<Pod> pods;
    Scheduler scheduler;
    final List<HollowNodes> nodes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        etcd = new EtcdServer().start();
        apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
        client = ApiClient.connect("127.0.0.1:" + apiserver.port());
        pods = client.resource(Kinds.POD);
        scheduler = new Scheduler(client, "default-scheduler", DefaultProfile.PROFILE, Clock.systemUTC(), 4);
        assertThat(scheduler.awaitSynced(Duration.ofSeconds(30))).isTrue();
        scheduler.start();
    }

    @AfterEach
    void stop() {
        scheduler.close();
        nodes.forEach(HollowNodes::close);
        client.close();
        apiserver.close();
        etcd.close();
    }

    /** {@code count} hollow nodes {@code prefix1..} with {@code cpu} CPUs each, Ready in the API. */
    private void nodes(String prefix, int count, String cpu) throws Exception {
        NodeConfig template = NodeConfig.defaults("template").withResources(Quantity.parse(cpu), Quantity.parse("8Gi"), 110);
        nodes.add(HollowNodes.start(client, count, prefix, template, Files.createTempDirectory("hollow"), 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> readyNodes(prefix) == count);
    }

    private long readyNodes(String prefix) {
        return client.resource(Kinds.NODE).list(null).items().stream().filter(n -> n.metadata().name().startsWith(prefix))
                .filter(n -> Condition.find(n.status().conditions(), "Ready").map(Condition::isTrue).orElse(false)).count();
    }

    private Pod create(String name, String spec) {
        return pods.create((Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: " + name
                + ", namespace: default}\nspec:\n" + spec));
    }

    private String nodeOf(String pod) {
        return pods.get("default", pod).spec().nodeName();
    }

    private Condition scheduled(String pod) {
        return Condition.find(pods.get("default", pod).status().conditions(), "PodScheduled").orElse(null);
    }

    static String requests(String cpu) {
        return "  containers: [{name: app, image: 'jk8s/busybox:1.0', resources: {requests: {cpu: '" + cpu + "'}}}]\n";
    }

    @Test
    void aPodLandsOnTheOnlyNodeItsRequestsFitAndRuns() throws Exception {
        nodes("small-", 2, "1");
        nodes("big-", 1, "4");
        create("wide", requests("3"));

        await().atMost(Duration.ofSeconds(10)).until(() -> "big-1".equals(nodeOf("wide")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "Running".equals(pods.get("default", "wide").status().phase()));
    }

    @Test
    void aPodThatFitsNowhereSaysWhyAndIsBoundSoonAfterANodeThatFitsAppears() throws Exception {
        nodes("small-", 3, "1");
        create("huge", requests("6"));

        await().atMost(Duration.ofSeconds(10)).until(() -> scheduled("huge") != null && !scheduled("huge").isTrue());
        Condition c = scheduled("huge");
        assertThat(c.reason()).isEqualTo("Unschedulable");
        assertThat(c.message()).isEqualTo("0/3 nodes are available: 3 Insufficient cpu.");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.resource(Kinds.EVENT).list("default").items().stream()
                .anyMatch(e -> "FailedScheduling".equals(e.reason()) && e.involvedObject().name().equals("huge")
                        && e.message().equals("0/3 nodes are available: 3 Insufficient cpu.")));

        await().atMost(Duration.ofSeconds(10)).until(() -> pods.get("default", "huge").metadata().annotations()
                .containsKey(Pod.NODE_VERDICTS_ANNOTATION));
        String described = describe("huge");
        assertThat(described).contains("Node Verdicts:   small-1: Insufficient cpu\n"
                + "                 small-2: Insufficient cpu\n                 small-3: Insufficient cpu\n");

        nodes("large-", 1, "8");
        long appeared = System.nanoTime();
        await().atMost(Duration.ofSeconds(2)).until(() -> "large-1".equals(nodeOf("huge")));
        assertThat(Duration.ofNanos(System.nanoTime() - appeared)).isLessThan(Duration.ofSeconds(2));
        assertThat(pods.get("default", "huge").metadata().annotations()).doesNotContainKey(Pod.NODE_VERDICTS_ANNOTATION);
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.attempts(SchedulerMetrics.SCHEDULED) == 1);
        assertThat(scheduler.attempts(SchedulerMetrics.UNSCHEDULABLE)).isPositive();
        assertThat(scheduler.metrics()).contains("scheduler_pod_scheduling_duration_seconds_count 1\n");
    }

    @Test
    void aLabelThatMakesANodeMatchTheSelectorBindsThePodWithinTwoSeconds() throws Exception {
        nodes("n-", 2, "2");
        create("picky", "  nodeSelector: {disk: ssd}\n" + requests("100m"));
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduled("picky") != null
                && "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.".equals(scheduled("picky").message()));

        ResourceClient<Node> nodeClient = client.resource(Kinds.NODE);
        nodeClient.guaranteedUpdate(null, "n-2", n -> n.withMetadata(n.metadata().withLabels(
                merged(n.metadata().labels(), "disk", "ssd"))));
        long labelled = System.nanoTime();

        await().atMost(Duration.ofSeconds(2)).until(() -> "n-2".equals(nodeOf("picky")));
        assertThat(Duration.ofNanos(System.nanoTime() - labelled)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void podAffinityFindsPodsInTheNamespacesItsSelectorPicks() throws Exception {
        nodes("a-", 3, "2");
        client.resource(Kinds.NAMESPACE).create((dev.jk8s.api.core.Namespace) TestObjects.parse(
                "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a, labels: {team: a}}\n"));
        pods.create((Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: team-a, labels: {app: db}}\n"
                + "spec:\n  nodeSelector: {kubernetes.io/hostname: a-2}\n" + requests("100m")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "a-2".equals(pods.get("team-a", "db").spec().nodeName()));

        create("web", """
                  affinity:
                    podAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                      - labelSelector: {matchLabels: {app: db}}
                        namespaceSelector: {matchLabels: {team: a}}
                        topologyKey: kubernetes.io/hostname
                """ + requests("100m"));

        await().atMost(Duration.ofSeconds(10)).until(() -> "a-2".equals(nodeOf("web")));
    }

    @Test
    void taintsRepelAndAntiAffinitySpreadsAsInKubernetes() throws Exception {
        nodes("t-", 3, "2");
        client.resource(Kinds.NODE).guaranteedUpdate(null, "t-3", n -> n.withSpec(n.spec().withTaints(
                List.of(new dev.jk8s.api.core.Taint("dedicated", "db", "NoSchedule", null)))));
        String spread = """
                  affinity:
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                      - labelSelector: {matchLabels: {app: spread}}
                        topologyKey: kubernetes.io/hostname
                """ + requests("100m");
        for (String name : List.of("s1", "s2", "s3")) {
            pods.create((Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: " + name
                    + ", namespace: default, labels: {app: spread}}\nspec:\n" + spread));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> nodeOf("s1") != null && nodeOf("s2") != null
                || scheduledCount() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduled("s3") != null && !scheduled("s3").isTrue()
                || scheduledCount() == 2 && unscheduledMessage() != null);
        List<String> placed = List.of("s1", "s2", "s3").stream().map(this::nodeOf).filter(n -> n != null && !n.isEmpty()).toList();
        assertThat(placed).hasSize(2).doesNotHaveDuplicates().doesNotContain("t-3");
        assertThat(unscheduledMessage()).isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: db},"
                + " 2 node(s) didn't match pod anti-affinity rules.");
    }

    private long scheduledCount() {
        return List.of("s1", "s2", "s3").stream().map(this::nodeOf).filter(n -> n != null && !n.isEmpty()).count();
    }

    private String unscheduledMessage() {
        return List.of("s1", "s2", "s3").stream().map(this::scheduled).filter(c -> c != null && !c.isTrue())
                .map(Condition::message).findFirst().orElse(null);
    }

    private String describe(String pod) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = dev.jk8s.ctl.Main.run(new String[] {"--server", client.target(), "describe", "pod", pod}, Jctl.environment(print, print));
        assertThat(code).isZero();
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> merged(Map<String, String> labels, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(labels);
        m.put(key, value);
        return m;
    }
}
