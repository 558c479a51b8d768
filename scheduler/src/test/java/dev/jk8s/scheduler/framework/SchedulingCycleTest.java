package dev.jk8s.scheduler.framework;

import static dev.jk8s.scheduler.TestCluster.node;
import static dev.jk8s.scheduler.TestCluster.on;
import static dev.jk8s.scheduler.TestCluster.pod;
import static dev.jk8s.scheduler.TestCluster.requesting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.scheduler.plugins.DefaultProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole cycle with the default profile against a fake snapshot. */
class SchedulingCycleTest {

    private static final Profile PROFILE = DefaultProfile.PROFILE;
    private static final String APP = "containers: [{name: app, image: app}]\n";

    private static final List<Node> FIVE = List.of(
            node("node-1", "1", "4Gi", "{zone: a}", "{}"),
            node("node-2", "1", "4Gi", "{zone: a}", "{}"),
            node("node-3", "4", "4Gi", "{zone: b, disk: ssd}", "{}"),
            node("node-4", "1", "4Gi", "{zone: b}", "{taints: [{key: dedicated, value: db, effect: NoSchedule}]}"),
            node("node-5", "8", "16Gi", "{zone: c, disk: ssd}", "{}"));

    private static String scheduled(Pod pod, List<Node> nodes, List<Pod> existing) {
        ScheduleResult r = SchedulingCycle.schedule(pod, Snapshot.of(nodes, existing), PROFILE);
        return r instanceof ScheduleResult.Scheduled s ? s.nodeName() : ((FitError) r).message();
    }

    static Stream<Arguments> placements() {
        return Stream.of(
                Arguments.of(named("fits only the biggest node", requesting("p", "6", "1Gi")), "node-5"),
                Arguments.of(named("least allocated wins", requesting("p", "500m", "1Gi")), "node-5"),
                Arguments.of(named("nodeSelector", pod("p", "{}", APP + "nodeSelector: {zone: b}")), "node-3"),
                Arguments.of(named("affinity NotIn and Exists", pod("p", "{}", APP + """
                        affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [
                          {matchExpressions: [{key: zone, operator: NotIn, values: [c]}, {key: disk, operator: Exists}]}]}}}
                        """)), "node-3"),
                Arguments.of(named("toleration opens the tainted node", pod("p", "{}", APP + """
                        nodeSelector: {zone: b}
                        tolerations: [{key: dedicated, operator: Equal, value: db, effect: NoSchedule}]
                        affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [
                          {matchFields: [{key: metadata.name, operator: In, values: [node-4]}]}]}}}
                        """)), "node-4"),
                Arguments.of(named("preferred node affinity", pod("p", "{}", APP + """
                        affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [
                          {weight: 100, preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}}]}}
                        """)), "node-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placements")
    void placesThePod(Pod pod, String node) {
        assertThat(scheduled(pod, FIVE, List.of())).isEqualTo(node);
    }

    @Test
    void fitErrorCountsEveryReasonAsKubernetesWordsAndSortsIt() {
        Pod pod = pod("p", "{}", "nodeSelector: {disk: ssd}\n"
                + "containers: [{name: app, image: app, resources: {requests: {cpu: \"5\"}}}]");
        List<Node> nodes = new ArrayList<>(FIVE);
        nodes.set(4, node("node-5", "1", "16Gi", "{disk: ssd}", "{}"));

        FitError error = (FitError) SchedulingCycle.schedule(pod, Snapshot.of(nodes, List.of()), PROFILE);

        assertThat(error.message()).isEqualTo("0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, "
                + "2 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.");
        assertThat(error.nodeReasons()).containsEntry("node-4", List.of("node(s) had untolerated taint {dedicated: db}"))
                .containsEntry("node-5", List.of("Insufficient cpu")).containsEntry("node-3", List.of("Insufficient cpu"));
    }

    @Test
    void theExampleMessageOfTheIssue() {
        FitError error = new FitError(5, Map.of("a", List.of("Insufficient cpu"), "b", List.of("Insufficient cpu"),
                "c", List.of("Insufficient cpu"), "d", List.of("node(s) didn't match Pod's node affinity/selector"),
                "e", List.of("node(s) didn't match Pod's node affinity/selector")));

        assertThat(error.message()).isEqualTo(
                "0/5 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, 3 Insufficient cpu.");
        assertThat(error.reasonCounts()).containsEntry("Insufficient cpu", 3);
    }

    @Test
    void aNodeShortOfBothCountsForEach() {
        FitError error = (FitError) SchedulingCycle.schedule(requesting("p", "3", "5Gi"),
                Snapshot.of(List.of(node("node-1", "2", "4Gi")), List.of()), PROFILE);

        assertThat(error.message()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.");
    }

    @Test
    void noNodesAtAll() {
        FitError error = (FitError) SchedulingCycle.schedule(requesting("p", "1", "1Gi"), Snapshot.of(List.of(), List.of()), PROFILE);

        assertThat(error.message()).isEqualTo("no nodes available to schedule pods");
    }

    @Test
    void antiAffinityOnHostnamePutsOneReplicaPerNode() {
        List<Node> nodes = List.of(node("node-1", "4", "8Gi"), node("node-2", "4", "8Gi"), node("node-3", "4", "8Gi"));
        List<Pod> placed = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Pod replica = pod("store-" + i, "{app: store}", APP + """
                    affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [
                      {labelSelector: {matchLabels: {app: store}}, topologyKey: kubernetes.io/hostname}]}}
                    """);
            String node = scheduled(replica, nodes, placed);
            chosen.add(node);
            placed.add(on(node, replica));
        }

        assertThat(chosen).containsExactly("node-1", "node-2", "node-3");
        assertThat(scheduled(pod("store-3", "{app: store}", APP), nodes, placed)).isEqualTo(
                "0/3 nodes are available: 3 node(s) didn't satisfy existing pods anti-affinity rules.");
    }

    @Test
    void tiesGoToTheFirstNodeByName() {
        List<Node> nodes = List.of(node("b", "2", "4Gi"), node("a", "2", "4Gi"), node("c", "2", "4Gi"));

        ScheduleResult.Scheduled s = (ScheduleResult.Scheduled) SchedulingCycle.schedule(
                requesting("p", "1", "1Gi"), Snapshot.of(nodes, List.of()), PROFILE);

        assertThat(s.nodeName()).isEqualTo("a");
        assertThat(s.scores()).extracting(ScheduleResult.NodeScore::node).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void replicasOfOneOwnerSpread() {
        List<Node> nodes = List.of(node("node-1", "4", "8Gi"), node("node-2", "4", "8Gi"));
        OwnerReference rs = new OwnerReference("apps/v1", "ReplicaSet", "web-7d", "uid-1", true, true);
        Pod first = owned(pod("web-1", "{app: web}", APP), rs);
        Pod stranger = pod("other", "{}", APP);

        String node = scheduled(owned(pod("web-2", "{app: web}", APP), rs), nodes,
                List.of(on("node-1", first), on("node-2", stranger)));

        assertThat(node).isEqualTo("node-2");
    }

    @Test
    void preferNoScheduleTaintsAreAvoided() {
        List<Node> nodes = List.of(node("node-1", "4", "8Gi", "{}", "{taints: [{key: spot, effect: PreferNoSchedule}]}"),
                node("node-2", "4", "8Gi"));

        assertThat(scheduled(pod("p", "{}", APP), nodes, List.of())).isEqualTo("node-2");
        assertThat(scheduled(pod("p", "{}", APP + "tolerations: [{key: spot, operator: Exists}]\n"
                + "nodeSelector: {kubernetes.io/hostname: node-1}"), nodes, List.of())).isEqualTo("node-1");
    }

    @Test
    void preferredPodAffinityPullsTowardsThePeer() {
        List<Node> nodes = List.of(node("node-1", "4", "8Gi"), node("node-2", "4", "8Gi"));
        Pod web = pod("web", "{}", APP + """
                affinity: {podAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [
                  {weight: 100, podAffinityTerm: {labelSelector: {matchLabels: {app: cache}}, topologyKey: kubernetes.io/hostname}}]}}
                """);

        assertThat(scheduled(web, nodes, List.of(on("node-2", pod("cache", "{app: cache}", APP))))).isEqualTo("node-2");
    }

    @Test
    void weightsAreConfigurable() {
        Profile noSpread = PROFILE.withWeight("SelectorSpread", 0);

        assertThat(noSpread.weight("SelectorSpread")).isZero();
        assertThat(PROFILE.weight("TaintToleration")).isEqualTo(3);
        assertThat(noSpread.weight("NodeAffinity")).isEqualTo(2);
    }

    private static Pod owned(Pod pod, OwnerReference owner) {
        return pod.withMetadata(pod.metadata().toBuilder().ownerReferences(List.of(owner)).build());
    }
}
