package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Service;
import dev.jk8s.client.LogOptions;
import dev.jk8s.testkit.TestObjects;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A container on a real kubelet sees the Services of its namespace as Kubernetes' variables, with the allocated address. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServiceEnvIT {

    ControlPlane cluster;
    DockerNode node;

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(0);
        node = new DockerNode(cluster.client, "env");
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
    void aContainerSeesItsNamespacesServices() {
        Service db = cluster.client.resource(Kinds.SERVICE).create((Service) TestObjects.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: my-db, namespace: default}
                spec: {selector: {app: db}, ports: [{name: pg, port: 5432}]}
                """));
        assertThat(db.spec().clusterIP()).startsWith("10.");

        cluster.client.resource(Kinds.POD).create((Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: env, namespace: default}
                spec:
                  restartPolicy: Never
                  containers: [{name: app, image: "jk8s/busybox:1.0",
                                command: [sh, -c, 'echo "$MY_DB_SERVICE_HOST:$MY_DB_SERVICE_PORT_PG $MY_DB_PORT"']}]
                """));

        await().atMost(Duration.ofSeconds(60)).until(() -> "Succeeded".equals(
                cluster.client.resource(Kinds.POD).get("default", "env").status().phase()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cluster.client.logs().copy("default", "env", LogOptions.DEFAULT, out);
        String ip = db.spec().clusterIP();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ip + ":5432 tcp://" + ip + ":5432\n");
    }
}
