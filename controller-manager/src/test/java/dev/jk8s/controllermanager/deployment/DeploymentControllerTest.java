package dev.jk8s.controllermanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.apps.ReplicaSetStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.FakeApiWriter;
import dev.jk8s.controllermanager.controller.RecordingEvents;
import dev.jk8s.testkit.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentControllerTest {

    final Indexer<Deployment> deployments = new Indexer<>();
    final Indexer<ReplicaSet> replicaSets = new Indexer<>();
    final Indexer<Pod> pods = new Indexer<>();
    final FakeApiWriter api = new FakeApiWriter();
    final RecordingEvents events = new RecordingEvents();
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    final DeploymentController controller = new DeploymentController(deployments, replicaSets, pods, api, events, clock,
            new ControllerMetrics(), 1);

    Deployment deployment(String image) {
        Deployment d = RolloutPlanTest.deployment(3, "1", "0");
        var t = d.spec().template();
        d = d.withSpec(d.spec().withTemplate(t.withSpec(t.spec().withContainers(
                List.of(t.spec().containers().get(0).withImage(image))))));
        return d.withMetadata(d.metadata().toBuilder().generation(1L).build());
    }

    /** The ReplicaSet the controller would make for {@code d}, at {@code revision}, with {@code replicas} all available. */
    ReplicaSet replicaSetOf(Deployment d, long revision, int replicas) {
        deployments.put(d);
        controller.sync("default/web");
        ReplicaSet made = (ReplicaSet) api.written.stream().filter(o -> o instanceof ReplicaSet).findFirst().orElseThrow();
        api.actions.clear();
        api.written.clear();
        events.events.clear();
        return made.withMetadata(made.metadata().toBuilder().uid("uid-" + made.metadata().name())
                        .annotations(Map.of(DeploymentController.REVISION, String.valueOf(revision)))
                        .ownerReferences(List.of(OwnerReference.controllerOf(d))).build())
                .withSpec(made.spec().withReplicas(replicas))
                .withStatus(new ReplicaSetStatus(replicas, replicas, replicas, replicas, 1L, null));
    }

    @Test
    void aNewDeploymentGetsAReplicaSetNamedByItsTemplateHashAtRevisionOne() {
        deployments.put(deployment("jk8s/http:1.0"));

        controller.sync("default/web");

        ReplicaSet rs = (ReplicaSet) api.written.get(0);
        String hash = rs.metadata().labels().get("pod-template-hash");
        assertThat(rs.metadata().name()).isEqualTo("web-" + hash);
        assertThat(rs.spec().selector().matchLabels()).containsEntry("pod-template-hash", hash).containsEntry("app", "web");
        assertThat(rs.spec().template().metadata().labels()).containsEntry("pod-template-hash", hash);
        assertThat(rs.metadata().annotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(rs.metadata().controllerRef()).hasValueSatisfying(r -> assertThat(r.uid()).isEqualTo("d-uid"));
        assertThat(events.events).contains("Normal ScalingReplicaSet: Scaled up replica set web-" + hash + " to 3 from 0");
        Deployment status = (Deployment) api.written.get(api.written.size() - 1);
        assertThat(status.status().conditions()).anySatisfy(c -> {
            assertThat(c.reason()).isEqualTo("NewReplicaSetCreated");
            assertThat(c.message()).isEqualTo("Created new replica set \"web-" + hash + "\"");
        });
    }

    @Test
    void aTemplateChangeStartsRevisionTwoWithinTheSurge() {
        ReplicaSet v1 = replicaSetOf(deployment("jk8s/http:1.0"), 1, 3);
        replicaSets.put(v1);
        deployments.put(deployment("jk8s/busybox:1.0"));

        controller.sync("default/web");

        ReplicaSet v2 = (ReplicaSet) api.written.get(0);
        assertThat(v2.metadata().annotations()).containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(api.actions).contains("update replicasets default/" + v2.metadata().name());
        assertThat(events.events).containsExactly("Normal ScalingReplicaSet: Scaled up replica set " + v2.metadata().name()
                + " to 1 from 0"); // 3 old + 1 new = replicas + maxSurge; none of the old may go yet (maxUnavailable 0)
    }

    @Test
    void goingBackToAnEarlierTemplateReusesItsReplicaSetUnderANewRevision() {
        ReplicaSet v1 = replicaSetOf(deployment("jk8s/http:1.0"), 1, 0);
        ReplicaSet v2 = replicaSetOf(deployment("jk8s/busybox:1.0"), 2, 3);
        replicaSets.put(v1);
        replicaSets.put(v2);
        deployments.put(deployment("jk8s/http:1.0"));

        controller.sync("default/web");

        assertThat(api.actions("create")).isEmpty();
        assertThat(api.written).filteredOn(o -> o.metadata().name().equals(v1.metadata().name())).first()
                .satisfies(o -> assertThat(o.metadata().annotations()).containsEntry("deployment.kubernetes.io/revision", "3"));
    }

    @Test
    void emptyOldReplicaSetsBeyondTheHistoryLimitAreDeletedOldestFirst() {
        Deployment d = deployment("jk8s/http:4.0");
        d = d.withSpec(new dev.jk8s.api.apps.DeploymentSpec(3, d.spec().selector(), d.spec().template(), d.spec().strategy(),
                null, 1, null, 600));
        replicaSets.put(replicaSetOf(deployment("jk8s/http:1.0"), 1, 0));
        replicaSets.put(replicaSetOf(deployment("jk8s/http:2.0"), 2, 0));
        ReplicaSet current = replicaSetOf(d, 3, 3);
        replicaSets.put(current);
        deployments.put(d);

        controller.sync("default/web");

        assertThat(api.actions("delete")).hasSize(1);
        assertThat(api.actions("delete").get(0)).contains(replicaSetOf(deployment("jk8s/http:1.0"), 1, 0).metadata().name());
    }

    @Test
    void aPausedDeploymentIsNotRolledOut() {
        Deployment d = deployment("jk8s/http:1.0");
        deployments.put(d.withSpec(d.spec().withPaused(true)));

        controller.sync("default/web");

        assertThat(api.actions("create")).isEmpty();
        Deployment status = (Deployment) api.written.get(0);
        assertThat(status.status().conditions()).anySatisfy(c -> assertThat(c.reason()).isEqualTo("DeploymentPaused"));
    }
}
