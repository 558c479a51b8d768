package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.Deployment;
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

/** Deleting a Deployment (which owns a ReplicaSet, which owns pods) under each propagation policy. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeploymentDeletionIT {

    ControlPlane cluster;
    ResourceClient<Deployment> deployments;
    ResourceClient<ReplicaSet> replicaSets;
    ResourceClient<Pod> pods;

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(2, "deployment", "replicaset", "garbagecollector");
        deployments = cluster.client.resource(Kinds.DEPLOYMENT);
        replicaSets = cluster.client.resource(Kinds.REPLICA_SET);
        pods = cluster.client.resource(Kinds.POD);
        deployments.create((Deployment) TestObjects.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: "jk8s/http:1.0"}]}
                """));
        await().atMost(Duration.ofSeconds(30)).until(() -> pods.list("default").items().stream()
                .filter(p -> "Running".equals(p.status().phase())).count() == 3);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private boolean deploymentGone() {
        return cluster.gone(Kinds.DEPLOYMENT, "default", "web");
    }

    private void delete(String policy) {
        deployments.delete("default", "web", DeleteOptions.DEFAULT.withPropagationPolicy(policy));
    }

    @Test
    void backgroundRemovesTheDeploymentAtOnceThenItsReplicaSetAndPods() {
        delete("Background");

        assertThat(deploymentGone()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> replicaSets.list("default").items().isEmpty()
                && pods.list("default").items().isEmpty());
    }

    @Test
    void foregroundRemovesTheDeploymentLast() {
        delete("Foreground");

        assertThat(deployments.get("default", "web").metadata().finalizers()).contains("foregroundDeletion");
        await().atMost(Duration.ofSeconds(30)).until(this::deploymentGone);
        assertThat(replicaSets.list("default").items()).isEmpty();
        assertThat(pods.list("default").items()).isEmpty();
    }

    @Test
    void orphanKeepsTheReplicaSetAndItsPods() {
        delete("Orphan");

        await().atMost(Duration.ofSeconds(30)).until(this::deploymentGone);
        List<ReplicaSet> left = replicaSets.list("default").items();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).metadata().ownerReferences()).isEmpty();
        assertThat(pods.list("default").items()).hasSize(3)
                .allSatisfy(p -> assertThat(p.metadata().controllerRef().map(r -> r.kind())).hasValue("ReplicaSet"));
    }
}
