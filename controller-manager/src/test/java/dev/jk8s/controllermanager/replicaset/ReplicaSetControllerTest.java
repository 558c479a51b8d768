package dev.jk8s.controllermanager.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Condition;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.client.informer.Keys;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.FakeApiWriter;
import dev.jk8s.controllermanager.controller.RecordingEvents;
import dev.jk8s.testkit.ManualClock;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicaSetControllerTest {

    final Indexer<ReplicaSet> replicaSets = new Indexer<>();
    final Indexer<Pod> pods = new Indexer<>();
    final FakeApiWriter api = new FakeApiWriter();
    final RecordingEvents events = new RecordingEvents();
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    final ExecutorService writes = Executors.newFixedThreadPool(4);
    final ReplicaSetController<ReplicaSet> controller = new ReplicaSetController<>(ReplicatedKind.REPLICA_SET,
            replicaSets, pods, api, events, clock, writes, new ControllerMetrics(), 1);

    @AfterEach
    void stop() {
        writes.shutdownNow();
    }

    static ReplicaSet replicaSet(int replicas, int minReadySeconds) {
        return ((ReplicaSet) TestObjects.parse("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web, namespace: default, uid: rs-uid, generation: 2, resourceVersion: "10"}
                spec:
                  replicas: %d
                  minReadySeconds: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web, tier: front}}
                    spec: {containers: [{name: app, image: "jk8s/http:1.0"}]}
                """.formatted(replicas, minReadySeconds)));
    }

    /** A pod of the owner (a ReplicaSet or ReplicationController; none if null), on {@code node} (null: unscheduled). */
    Pod pod(String name, ApiObject owner, String node, boolean ready, Instant readySince) {
        Pod p = (Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: default, uid: uid-%s, labels: {app: web, tier: front}}
                spec: {containers: [{name: app, image: "jk8s/http:1.0"}]}
                """.formatted(name, name));
        if (owner != null) {
            p = p.withMetadata(p.metadata().toBuilder().ownerReferences(List.of(OwnerReference.controllerOf(owner))).build());
        }
        if (node != null) {
            p = p.withSpec(p.spec().withNodeName(node));
        }
        PodStatus status = p.status().withPhase(node == null ? PodStatus.PENDING : PodStatus.RUNNING);
        if (node != null) {
            status = status.withConditions(List.of(Condition.of("Ready", ready ? "True" : "False", null, null, readySince)));
        }
        return p.withStatus(status);
    }

    @Test
    void createsTheMissingReplicasFromTheTemplateAndWaitsToSeeThemBeforeActingAgain() {
        ReplicaSet rs = replicaSet(3, 0);
        replicaSets.put(rs);

        controller.sync("default/web");

        assertThat(api.actions("create pods")).hasSize(3);
        Pod created = (Pod) api.written.get(0);
        assertThat(created.metadata().generateName()).isEqualTo("web-");
        assertThat(created.metadata().labels()).containsEntry("app", "web").containsEntry("tier", "front");
        assertThat(created.metadata().controllerRef()).hasValueSatisfying(r -> assertThat(r.uid()).isEqualTo("rs-uid"));
        assertThat(events.events).filteredOn(e -> e.startsWith("Normal SuccessfulCreate: Created pod: web-")).hasSize(3);
        assertThat(api.actions("status replicasets default/web")).hasSize(1);

        // Events of the new pods have not arrived yet: another sync must not create again.
        controller.sync("default/web");
        assertThat(api.actions("create pods")).hasSize(3);

        // Two of three arrive: still waiting for the third.
        api.written.stream().filter(o -> o instanceof Pod).limit(2).forEach(o -> {
            pods.put((Pod) o);
            controller.podEvents().onAdd((Pod) o);
        });
        controller.sync("default/web");
        assertThat(api.actions("create pods")).hasSize(3);

        // The third arrives: expectations are met, and 3 pods are what it wants.
        Pod third = (Pod) api.written.stream().filter(o -> o instanceof Pod).skip(2).findFirst().orElseThrow();
        pods.put(third);
        controller.podEvents().onAdd(third);
        controller.sync("default/web");
        assertThat(api.actions("create pods")).hasSize(3);
        assertThat(rs.spec().replicas()).isEqualTo(3);
    }

    @Test
    void oncePodsAreSeenAMissingOneIsReplaced() {
        ReplicaSet rs = replicaSet(2, 0);
        replicaSets.put(rs);
        pods.put(pod("web-a", rs, "node-1", true, clock.instant()));

        controller.sync("default/web");

        assertThat(api.actions("create pods")).hasSize(1);
        assertThat(api.actions("delete")).isEmpty();
    }

    @Test
    void scalingDownDeletesUnscheduledThenNotReadyPodsFirst() {
        ReplicaSet rs = replicaSet(1, 0);
        replicaSets.put(rs);
        pods.put(pod("running-ready", rs, "node-1", true, clock.instant()));
        pods.put(pod("running-not-ready", rs, "node-2", false, clock.instant()));
        pods.put(pod("pending", rs, null, false, null));

        controller.sync("default/web");

        assertThat(api.actions("delete pods")).containsExactlyInAnyOrder("delete pods default/pending",
                "delete pods default/running-not-ready");
        assertThat(events.events).contains("Normal SuccessfulDelete: Deleted pod: pending");
        assertThat(api.actions("create")).isEmpty();
    }

    @Test
    void adoptsMatchingOrphansAndReleasesPodsThatStoppedMatching() {
        ReplicaSet rs = replicaSet(2, 0);
        replicaSets.put(rs);
        pods.put(pod("orphan", null, "node-1", true, clock.instant()));
        Pod relabelled = pod("relabelled", rs, "node-1", true, clock.instant());
        pods.put(relabelled.withMetadata(relabelled.metadata().withLabels(java.util.Map.of("app", "debug"))));
        pods.put(pod("mine", rs, "node-2", true, clock.instant()));

        controller.sync("default/web");

        assertThat(api.actions("update pods")).containsExactlyInAnyOrder("update pods default/orphan",
                "update pods default/relabelled");
        Pod adopted = api.written.stream().filter(o -> o.metadata().name().equals("orphan")).map(Pod.class::cast).findFirst().orElseThrow();
        assertThat(adopted.metadata().controllerRef()).hasValueSatisfying(r -> assertThat(r.uid()).isEqualTo("rs-uid"));
        Pod released = api.written.stream().filter(o -> o.metadata().name().equals("relabelled")).map(Pod.class::cast).findFirst().orElseThrow();
        assertThat(released.metadata().controllerRef()).isEmpty();
        assertThat(api.actions("create pods")).isEmpty(); // mine + orphan = 2
    }

    @Test
    void aFailedCreateStopsTheSlowStartAndIsRetriedByTheNextSync() {
        replicaSets.put(replicaSet(10, 0));
        api.failing(action -> action.startsWith("create pods")
                ? ApiException.of(dev.jk8s.api.Reason.FORBIDDEN, "pods \"web-\" is forbidden: exceeded quota") : null);

        controller.sync("default/web");
        assertThat(events.events).containsExactly("Warning FailedCreate: Error creating: pods \"web-\" is forbidden: exceeded quota");

        controller.sync("default/web"); // nothing is expected any more: it tries again, one pod first
        assertThat(events.events).hasSize(2);
    }

    @Test
    void statusCountsReadyAndAvailablePodsAndLooksAgainWhenOneWillBeAvailable() {
        ReplicaSet rs = replicaSet(2, 30);
        replicaSets.put(rs);
        pods.put(pod("old", rs, "node-1", true, clock.instant().minusSeconds(60)));
        pods.put(pod("new", rs, "node-2", true, clock.instant().minusSeconds(10)));

        var again = controller.sync("default/web");

        ReplicaSet written = (ReplicaSet) api.written.get(api.written.size() - 1);
        assertThat(written.status().replicas()).isEqualTo(2);
        assertThat(written.status().fullyLabeledReplicas()).isEqualTo(2);
        assertThat(written.status().readyReplicas()).isEqualTo(2);
        assertThat(written.status().availableReplicas()).isEqualTo(1);
        assertThat(written.status().observedGeneration()).isEqualTo(2);
        assertThat(again).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(21)));
    }

    @Test
    void anUnchangedStatusIsNotWrittenAgain() {
        ReplicaSet rs = replicaSet(1, 0);
        Pod p = pod("web-a", rs, "node-1", true, clock.instant());
        pods.put(p);
        replicaSets.put(rs.withStatus(ReplicaSetPlan.of(ReplicatedKind.REPLICA_SET.replicas(rs), List.of(p), clock.instant()).status()));

        controller.sync("default/web");

        assertThat(api.actions).isEmpty();
    }

    @Test
    void aDeletedReplicaSetIsForgotten() {
        assertThat(controller.sync("default/gone")).isEmpty();
        assertThat(api.actions).isEmpty();
        assertThat(Keys.of(replicaSet(1, 0))).isEqualTo("default/web");
    }
}
