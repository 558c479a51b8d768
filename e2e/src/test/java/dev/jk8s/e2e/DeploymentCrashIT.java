package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A rollout of a crashing image on a real kubelet and Docker ends ProgressDeadlineExceeded, naming the crash. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeploymentCrashIT {

    ControlPlane cluster;
    DockerNode node;

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(0, "deployment", "replicaset");
        node = new DockerNode(cluster.client, "crash");
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aCrashingImageEndsProgressDeadlineExceededWithTheCrash() {
        cluster.client.resource(Kinds.DEPLOYMENT).create((Deployment) TestObjects.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: crash, namespace: default}
                spec:
                  replicas: 1
                  progressDeadlineSeconds: 8
                  selector: {matchLabels: {app: crash}}
                  template:
                    metadata: {labels: {app: crash}}
                    spec: {containers: [{name: app, image: "jk8s/busybox:1.0", command: [sh, -c, "exit 1"]}]}
                """));

        await().atMost(Duration.ofSeconds(90)).until(() -> progressing().map(c -> c.message().contains("CrashLoopBackOff")).orElse(false));
        Condition c = progressing().orElseThrow();
        assertThat(c.status()).isEqualTo("False");
        assertThat(c.reason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(c.message()).matches("ReplicaSet \"crash-[a-z0-9]+\" has timed out progressing\\. "
                + "pod crash-[a-z0-9]+-[a-z0-9]+: CrashLoopBackOff: exit 1");
    }

    private java.util.Optional<Condition> progressing() {
        return Condition.find(cluster.client.resource(Kinds.DEPLOYMENT).get("default", "crash").status().conditions(), "Progressing")
                .filter(x -> "ProgressDeadlineExceeded".equals(x.reason()));
    }
}
