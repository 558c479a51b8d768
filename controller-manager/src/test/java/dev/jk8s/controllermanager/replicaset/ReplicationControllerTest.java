package dev.jk8s.controllermanager.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.FakeApiWriter;
import dev.jk8s.controllermanager.controller.RecordingEvents;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ReplicaSet controller's behaviours, run for a ReplicationController through
 * {@link ReplicatedKind#REPLICATION_CONTROLLER}: the same class, a map selector, its own
 * ownerReference kind and status type.
 */
class ReplicationControllerTest {

    final ReplicaSetControllerTest fixtures = new ReplicaSetControllerTest();
    final Indexer<ReplicationController> controllers = new Indexer<>();
    final Indexer<Pod> pods = new Indexer<>();
    final FakeApiWriter api = new FakeApiWriter();
    final RecordingEvents events = new RecordingEvents();
    final ExecutorService writes = Executors.newFixedThreadPool(4);
    final ReplicaSetController<ReplicationController> controller = new ReplicaSetController<>(
            ReplicatedKind.REPLICATION_CONTROLLER, controllers, pods, api, events, fixtures.clock, writes,
            new ControllerMetrics(), 1);

    @AfterEach
    void stop() {
        writes.shutdownNow();
        fixtures.stop();
    }

    static ReplicationController rc(int replicas, int minReadySeconds) {
        return (ReplicationController) TestObjects.parse("""
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: web, namespace: default, uid: rc-uid, generation: 3, resourceVersion: "10"}
                spec:
                  replicas: %d
                  minReadySeconds: %d
                  selector: {app: web}
                  template:
                    metadata: {labels: {app: web, tier: front}}
                    spec: {containers: [{name: app, image: "jk8s/http:1.0"}]}
                """.formatted(replicas, minReadySeconds));
    }

    private Pod pod(String name, ApiObject owner, boolean ready, int readyForSeconds) {
        return fixtures.pod(name, owner, "node-1", ready,
                fixtures.clock.instant().minusSeconds(readyForSeconds));
    }

    @Test
    void createsTheMissingReplicasControlledByTheReplicationController() {
        controllers.put(rc(3, 0));

        controller.sync("default/web");

        assertThat(api.actions("create pods")).hasSize(3);
        Pod created = (Pod) api.written.get(0);
        assertThat(created.metadata().generateName()).isEqualTo("web-");
        assertThat(created.metadata().labels()).isEqualTo(Map.of("app", "web", "tier", "front"));
        assertThat(created.metadata().ownerReferences()).containsExactly(
                new OwnerReference("v1", "ReplicationController", "web", "rc-uid", true, true));
        assertThat(events.events).filteredOn(e -> e.startsWith("Normal SuccessfulCreate: Created pod: web-")).hasSize(3);

        controller.sync("default/web"); // the pods' events have not arrived: nothing more
        assertThat(api.actions("create pods")).hasSize(3);
    }

    @Test
    void theCreatedPodsWakeTheirReplicationControllerAndMeetItsExpectations() {
        controllers.put(rc(2, 0));
        controller.sync("default/web");
        api.written.stream().filter(o -> o instanceof Pod).map(Pod.class::cast).forEach(p -> {
            pods.put(p);
            controller.podEvents().onAdd(p);
        });
        pods.byNamespace("default").forEach(pods::remove); // both pods vanish at once

        controller.sync("default/web"); // expectations met: it may act, and replaces both

        assertThat(api.actions("create pods")).hasSize(4);
    }

    @Test
    void scalingDownDeletesTheSurplusWithTheSameOrder() {
        ReplicationController rc = rc(1, 0);
        controllers.put(rc);
        pods.put(pod("ready", rc, true, 60));
        pods.put(pod("not-ready", rc, false, 60));
        pods.put(fixtures.pod("pending", rc, null, false, null));

        controller.sync("default/web");

        assertThat(api.actions("delete pods")).containsExactlyInAnyOrder("delete pods default/pending",
                "delete pods default/not-ready");
        assertThat(events.events).contains("Normal SuccessfulDelete: Deleted pod: pending");
        assertThat(api.actions("create")).isEmpty();
    }

    @Test
    void writesItsStatusInItsOwnType() {
        ReplicationController rc = rc(2, 30);
        controllers.put(rc);
        pods.put(pod("old", rc, true, 60));
        pods.put(pod("new", rc, true, 10));

        var again = controller.sync("default/web");

        assertThat(api.actions).containsExactly("status replicationcontrollers default/web");
        ReplicationController written = (ReplicationController) api.written.get(0);
        assertThat(written.status().replicas()).isEqualTo(2);
        assertThat(written.status().fullyLabeledReplicas()).isEqualTo(2);
        assertThat(written.status().readyReplicas()).isEqualTo(2);
        assertThat(written.status().availableReplicas()).isEqualTo(1);
        assertThat(written.status().observedGeneration()).isEqualTo(3);
        assertThat(again).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(21)));

        controllers.put(written);
        controller.sync("default/web");
        assertThat(api.actions).hasSize(1); // unchanged: not written again
    }

    @Test
    void adoptsMatchingOrphansButLeavesAReplicaSetsPodsAlone() {
        ReplicationController rc = rc(2, 0);
        controllers.put(rc);
        ReplicaSet rs = ReplicaSetControllerTest.replicaSet(1, 0);
        pods.put(pod("orphan", null, true, 60));
        pods.put(pod("the-replicasets", rs, true, 60));

        controller.sync("default/web");

        assertThat(api.actions("update pods")).containsExactly("update pods default/orphan");
        Pod adopted = (Pod) api.written.get(0);
        assertThat(adopted.metadata().controllerRef()).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo("ReplicationController");
            assertThat(r.uid()).isEqualTo("rc-uid");
        });
        assertThat(api.actions("create pods")).hasSize(1); // only the orphan counts
    }

    @Test
    void aPodOfAReplicaSetOfTheSameNameDoesNotWakeTheReplicationController() {
        controllers.put(rc(1, 0));
        ReplicaSet sameNameAndUid = ReplicaSetControllerTest.replicaSet(1, 0);
        sameNameAndUid = sameNameAndUid.withMetadata(sameNameAndUid.metadata().toBuilder().uid("rc-uid").build());
        Pod podOfRs = pod("x", sameNameAndUid, true, 60);
        controller.sync("default/web"); // one create expected, not yet seen

        controller.podEvents().onAdd(podOfRs); // names "web" with the same uid, but kind ReplicaSet
        controller.sync("default/web");

        assertThat(api.actions("create pods")).hasSize(1); // still waiting: that pod was not its creation
    }
}
