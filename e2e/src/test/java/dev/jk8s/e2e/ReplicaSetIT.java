package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ReplicaSet controller with a real apiserver and etcd, the scheduler and hollow nodes. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReplicaSetIT {

    ControlPlane cluster;
    ApiClient client;
    ResourceClient<ReplicaSet> replicaSets;
    SharedInformer<Pod> pods;
    /** The most pods of the ReplicaSet that existed (not terminating) at any moment, as a watch saw them. */
    final AtomicInteger most = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(3, "replicaset");
        client = cluster.client;
        replicaSets = client.resource(Kinds.REPLICA_SET);
        pods = new SharedInformer<>(client.resource(Kinds.POD), "default", ListOptions.DEFAULT);
        pods.addEventHandler(ResourceEventHandler.onChange(p -> most.accumulateAndGet(alive(), Math::max)));
        pods.start();
        assertThat(pods.awaitSynced(Duration.ofSeconds(30))).isTrue();
    }

    @AfterEach
    void stop() {
        pods.stop();
        cluster.close();
    }

    private int alive() {
        return (int) pods.indexer().list().stream().filter(p -> !p.metadata().isTerminating()).count();
    }

    private ReplicaSet create(int replicas) {
        return replicaSets.create((ReplicaSet) TestObjects.parse("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web, namespace: default}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: "jk8s/http:1.0", resources: {requests: {cpu: 10m}}}]}
                """.formatted(replicas)));
    }

    private void scale(int replicas) {
        replicaSets.guaranteedUpdate("default", "web", rs -> rs.withSpec(rs.spec().withReplicas(replicas)));
    }

    private boolean readyAt(int replicas) {
        ReplicaSet rs = replicaSets.get("default", "web");
        return rs.status().replicas() != null && rs.status().replicas() == replicas
                && rs.status().readyReplicas() != null && rs.status().readyReplicas() == replicas
                && rs.status().observedGeneration() != null && rs.status().observedGeneration().equals(rs.metadata().generation())
                && client.resource(Kinds.POD).list("default").items().size() == replicas;
    }

    @Test
    void scalesThreeToTenToZeroWithoutEverMakingTooMany() {
        create(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> readyAt(3));
        assertThat(most.get()).isEqualTo(3);

        scale(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> readyAt(10));
        assertThat(most.get()).isEqualTo(10);

        scale(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> readyAt(0));
        assertThat(most.get()).isEqualTo(10);
        assertThat(client.resource(Kinds.EVENT).list("default").items())
                .anyMatch(e -> "SuccessfulCreate".equals(e.reason()) && e.message().startsWith("Created pod: web-"));
    }

    @Test
    void aDeletedPodIsReplacedAndAnOrphanIsAdopted() {
        create(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> readyAt(2));
        Pod victim = client.resource(Kinds.POD).list("default").items().get(0);
        client.resource(Kinds.POD).delete("default", victim.metadata().name(), dev.jk8s.client.DeleteOptions.DEFAULT.withGracePeriod(0L));
        await().atMost(Duration.ofSeconds(30)).until(() -> readyAt(2)
                && client.resource(Kinds.POD).list("default").items().stream().noneMatch(p -> p.metadata().name().equals(victim.metadata().name())));

        // A pod the selector matches, created by hand, is adopted: one of the three goes.
        client.resource(Kinds.POD).create((Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: stray, namespace: default, labels: {app: web}}
                spec: {containers: [{name: app, image: "jk8s/http:1.0"}]}
                """));
        await().atMost(Duration.ofSeconds(30)).until(() -> readyAt(2));
        assertThat(client.resource(Kinds.POD).list("default").items())
                .allSatisfy(p -> assertThat(p.metadata().controllerRef()).isPresent());
    }
}
