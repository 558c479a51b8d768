package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodTemplateSpec;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deployments rolled out by the Deployment and ReplicaSet controllers onto hollow nodes. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeploymentIT {

    ControlPlane cluster;
    ResourceClient<Deployment> deployments;
    ResourceClient<ReplicaSet> replicaSets;
    SharedInformer<Pod> pods;
    /** Over the watched part of a rollout: the most pods that counted, and the fewest ready. */
    final AtomicInteger most = new AtomicInteger();
    final AtomicInteger fewestReady = new AtomicInteger(Integer.MAX_VALUE);
    volatile boolean watching;

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(3, "deployment", "replicaset", "garbagecollector");
        deployments = cluster.client.resource(Kinds.DEPLOYMENT);
        replicaSets = cluster.client.resource(Kinds.REPLICA_SET);
        pods = new SharedInformer<>(cluster.client.resource(Kinds.POD), "default", ListOptions.DEFAULT);
        pods.addEventHandler(ResourceEventHandler.onChange(p -> observe()));
        pods.start();
        assertThat(pods.awaitSynced(Duration.ofSeconds(30))).isTrue();
    }

    @AfterEach
    void stop() {
        pods.stop();
        cluster.close();
    }

    private void observe() {
        if (!watching) {
            return;
        }
        List<Pod> alive = pods.indexer().list().stream().filter(p -> !p.metadata().isTerminating()).toList();
        most.accumulateAndGet(alive.size(), Math::max);
        int ready = (int) alive.stream().filter(p -> Condition.find(p.status().conditions(), "Ready")
                .map(Condition::isTrue).orElse(false)).count();
        fewestReady.accumulateAndGet(ready, Math::min);
    }

    private Deployment create(int replicas, String image, int progressDeadline) {
        return deployments.create((Deployment) TestObjects.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  replicas: %d
                  progressDeadlineSeconds: %d
                  selector: {matchLabels: {app: web}}
                  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: "%s", resources: {requests: {cpu: 10m}}}]}
                """.formatted(replicas, progressDeadline, image)));
    }

    /** Runs jctl against the cluster; returns its standard output, failing on a non-zero exit. */
    private String jctl(String... args) {
        Jctl.Result r = Jctl.run("127.0.0.1:" + cluster.apiserver.port(), args);
        assertThat(r.code()).as("jctl %s: %s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    private void setImage(String image) {
        deployments.guaranteedUpdate("default", "web", d -> {
            var t = d.spec().template();
            var c = t.spec().containers().get(0).withImage(image);
            return d.withSpec(d.spec().withTemplate(t.withSpec(t.spec().withContainers(List.of(c)))));
        });
    }

    private boolean rolledOut(String image) {
        Deployment d = deployments.get("default", "web");
        Condition p = Condition.find(d.status().conditions(), "Progressing").orElse(null);
        return d.status().observedGeneration() != null && d.status().observedGeneration().equals(d.metadata().generation())
                && p != null && "NewReplicaSetAvailable".equals(p.reason())
                && d.spec().template().spec().containers().get(0).image().equals(image)
                && pods.indexer().list().stream().filter(x -> !x.metadata().isTerminating()).count() == d.spec().replicas();
    }

    private long revisionOf(String image) {
        return replicaSets.list("default").items().stream()
                .filter(rs -> rs.spec().template().spec().containers().get(0).image().equals(image))
                .mapToLong(rs -> Long.parseLong(rs.metadata().annotations().get("deployment.kubernetes.io/revision")))
                .findFirst().orElse(-1);
    }

    @Test
    void aRollingUpdateStaysWithinItsBoundsAndUndoReturnsToThePreviousTemplate() {
        PodTemplateSpec first = create(4, "jk8s/http:1.0", 600).spec().template();
        await().atMost(Duration.ofSeconds(30)).until(() -> rolledOut("jk8s/http:1.0"));
        PodTemplateSpec firstStored = deployments.get("default", "web").spec().template();

        watching = true;
        setImage("jk8s/busybox:1.0");
        String status = jctl("rollout", "status", "deployment/web", "--timeout", "60s");
        await().atMost(Duration.ofSeconds(60)).until(() -> rolledOut("jk8s/busybox:1.0"));
        watching = false;
        assertThat(status).endsWith("deployment \"web\" successfully rolled out\n");

        assertThat(most.get()).as("pods at any moment (replicas 4 + maxSurge 1)").isLessThanOrEqualTo(5);
        assertThat(fewestReady.get()).as("ready pods at any moment (replicas 4 - maxUnavailable 1)").isGreaterThanOrEqualTo(3);
        assertThat(pods.indexer().list().stream().filter(p -> !p.metadata().isTerminating()))
                .allSatisfy(p -> assertThat(p.spec().containers().get(0).image()).isEqualTo("jk8s/busybox:1.0"));
        assertThat(revisionOf("jk8s/http:1.0")).isEqualTo(1);
        assertThat(revisionOf("jk8s/busybox:1.0")).isEqualTo(2);

        assertThat(jctl("rollout", "undo", "deployment/web")).isEqualTo("deployment.apps/web rolled back\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> rolledOut("jk8s/http:1.0"));
        assertThat(revisionOf("jk8s/http:1.0")).as("the first ReplicaSet, reused as revision 3").isEqualTo(3);
        assertThat(replicaSets.list("default").items()).hasSize(2);
        assertThat(deployments.get("default", "web").spec().template()).isEqualTo(firstStored);
        assertThat(first.spec().containers().get(0).image()).isEqualTo("jk8s/http:1.0");
    }

    @Test
    void aRolloutThatCannotProgressEndsProgressDeadlineExceededNamingWhy() {
        create(2, "jk8s/http:1.0", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> rolledOut("jk8s/http:1.0"));

        deployments.guaranteedUpdate("default", "web", d -> {
            var t = d.spec().template();
            var c = t.spec().containers().get(0).withResources(new dev.jk8s.api.core.ResourceRequirements(
                    java.util.Map.of(), java.util.Map.of("cpu", dev.jk8s.api.Quantity.parse("64"))));
            return d.withSpec(d.spec().withTemplate(t.withSpec(t.spec().withContainers(List.of(c)))));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> Condition.find(deployments.get("default", "web").status().conditions(),
                "Progressing").map(c -> "ProgressDeadlineExceeded".equals(c.reason())).orElse(false));
        Condition c = Condition.find(deployments.get("default", "web").status().conditions(), "Progressing").orElseThrow();
        assertThat(c.status()).isEqualTo("False");
        assertThat(c.message()).matches("ReplicaSet \"web-[a-z0-9]+\" has timed out progressing\\. pod web-[a-z0-9]+-[a-z0-9]+: "
                + "Unschedulable: 0/3 nodes are available: 3 Insufficient cpu\\.");
        assertThat(pods.indexer().list().stream().filter(p -> !p.metadata().isTerminating()
                && "Running".equals(p.status().phase())).count()).as("the old pods keep serving").isGreaterThanOrEqualTo(1);
    }
}
