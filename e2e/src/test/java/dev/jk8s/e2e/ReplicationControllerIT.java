package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ReplicationControllers kept by the ReplicaSet controller's {@code replicationcontroller}
 * instance, with a real apiserver and etcd, the scheduler and hollow nodes.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReplicationControllerIT {

    ControlPlane cluster;
    ApiClient client;
    ResourceClient<ReplicationController> controllers;
    SharedInformer<Pod> pods;
    /** The most pods of the ReplicationController that existed (not terminating) at any moment, as a watch saw them. */
    final AtomicInteger most = new AtomicInteger();

    private void start(String... controllerNames) throws Exception {
        cluster = new ControlPlane(2, controllerNames);
        client = cluster.client;
        controllers = client.resource(Kinds.REPLICATION_CONTROLLER);
        pods = new SharedInformer<>(client.resource(Kinds.POD), "default", ListOptions.DEFAULT);
        pods.addEventHandler(ResourceEventHandler.onChange(p -> most.accumulateAndGet(alive(), Math::max)));
        pods.start();
        assertThat(pods.awaitSynced(Duration.ofSeconds(30))).isTrue();
    }

    @AfterEach
    void stop() {
        if (pods != null) {
            pods.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private int alive() {
        return (int) pods.indexer().list().stream().filter(p -> !p.metadata().isTerminating()).count();
    }

    /** The docs' shape: no selector, which the apiserver defaults to the template's labels. */
    private ReplicationController create(int replicas) {
        return controllers.create((ReplicationController) TestObjects.parse("""
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: web, namespace: default}
                spec:
                  replicas: %d
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: "jk8s/http:1.0", resources: {requests: {cpu: 10m}}}]}
                """.formatted(replicas)));
    }

    private void scale(int replicas) {
        controllers.guaranteedUpdate("default", "web", rc -> rc.withSpec(rc.spec().withReplicas(replicas)));
    }

    private boolean readyAt(int replicas) {
        ReplicationController rc = controllers.get("default", "web");
        List<Pod> all = client.resource(Kinds.POD).list("default").items();
        return rc.status().replicas() != null && rc.status().replicas() == replicas
                && rc.status().readyReplicas() != null && rc.status().readyReplicas() == replicas
                && rc.status().availableReplicas() != null && rc.status().availableReplicas() == replicas
                && rc.status().observedGeneration() != null && rc.status().observedGeneration().equals(rc.metadata().generation())
                && all.size() == replicas && all.stream().allMatch(p -> "Running".equals(p.status().phase()));
    }

    @Test
    void scalesThreeToFiveToZeroWithReadyPodsItControls() throws Exception {
        start("replicationcontroller");
        ReplicationController rc = create(3);
        assertThat(rc.spec().selector()).containsExactly(java.util.Map.entry("app", "web"));

        await().atMost(Duration.ofSeconds(30)).until(() -> readyAt(3));
        assertThat(most.get()).isEqualTo(3);
        assertThat(client.resource(Kinds.POD).list("default").items()).allSatisfy(p -> {
            assertThat(p.metadata().name()).startsWith("web-");
            assertThat(p.metadata().ownerReferences()).containsExactly(
                    new OwnerReference("v1", "ReplicationController", "web", rc.metadata().uid(), true, true));
        });

        scale(5);
        await().atMost(Duration.ofSeconds(30)).until(() -> readyAt(5));
        assertThat(most.get()).isEqualTo(5);

        scale(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> readyAt(0));
        assertThat(most.get()).isEqualTo(5);
        assertThat(client.resource(Kinds.EVENT).list("default").items()).anyMatch(e -> "SuccessfulDelete".equals(e.reason())
                && "ReplicationController".equals(e.involvedObject().kind())
                && "replication-controller".equals(e.source().component()));
    }

    @Test
    void theGarbageCollectorDeletesTheReplicationControllersPods() throws Exception {
        start("replicationcontroller", "garbagecollector");
        create(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> readyAt(2));

        controllers.delete("default", "web", DeleteOptions.DEFAULT);

        await().atMost(Duration.ofSeconds(30)).until(() -> client.resource(Kinds.POD).list("default").items().isEmpty());
    }
}
