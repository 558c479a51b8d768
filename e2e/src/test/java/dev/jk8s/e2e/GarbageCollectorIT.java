package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deleting an owner under each propagation policy, as Kubernetes does it, with the ReplicaSet controller running. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GarbageCollectorIT {

    ControlPlane cluster;
    ResourceClient<ReplicaSet> replicaSets;
    ResourceClient<Pod> pods;

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(2, "replicaset", "garbagecollector");
        replicaSets = cluster.client.resource(Kinds.REPLICA_SET);
        pods = cluster.client.resource(Kinds.POD);
        replicaSets.create((ReplicaSet) TestObjects.parse("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: "jk8s/http:1.0"}]}
                """));
        await().atMost(Duration.ofSeconds(30)).until(() -> running() == 3);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private long running() {
        return pods.list("default").items().stream().filter(p -> "Running".equals(p.status().phase())).count();
    }

    private boolean replicaSetGone() {
        return cluster.gone(Kinds.REPLICA_SET, "default", "web");
    }

    private void delete(String policy) {
        replicaSets.delete("default", "web", DeleteOptions.DEFAULT.withPropagationPolicy(policy));
    }

    @Test
    void backgroundDeletesTheOwnerAtOnceAndItsPodsAfter() {
        delete("Background");

        assertThat(replicaSetGone()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> pods.list("default").items().isEmpty());
    }

    @Test
    void foregroundKeepsTheOwnerUntilItsPodsAreGone() {
        delete("Foreground");

        ReplicaSet deleting = replicaSets.get("default", "web");
        assertThat(deleting.metadata().isTerminating()).isTrue();
        assertThat(deleting.metadata().finalizers()).contains("foregroundDeletion");
        await().atMost(Duration.ofSeconds(30)).until(this::replicaSetGone);
        assertThat(pods.list("default").items()).isEmpty(); // the owner went last
    }

    @Test
    void orphanLeavesThePodsRunningWithoutTheirOwner() {
        List<String> before = pods.list("default").items().stream().map(p -> p.metadata().name()).sorted().toList();

        delete("Orphan");

        await().atMost(Duration.ofSeconds(30)).until(this::replicaSetGone);
        List<Pod> after = pods.list("default").items();
        assertThat(after).extracting(p -> p.metadata().name()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(after).allSatisfy(p -> {
            assertThat(p.metadata().ownerReferences()).isEmpty();
            assertThat(p.metadata().isTerminating()).isFalse();
        });
    }
}
