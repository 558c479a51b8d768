package dev.jk8s.kubelet.hollow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.kubelet.node.ControlPlane;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.testkit.TestObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hollow nodes against a real apiserver: they register, become Ready and run (and stop) the pods bound to them. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HollowNodesIT {

    @Test
    void hollowNodesRegisterAndRunTheirPodsWithoutDocker() throws Exception {
        Path root = Files.createTempDirectory("hollow-it");
        try (ControlPlane plane = ControlPlane.start();
             HollowNodes nodes = HollowNodes.start(plane.client(), 50, "hollow-", NodeConfig.defaults("template"), root, 4)) {
            ResourceClient<Node> nodeClient = plane.client().resource(Kinds.NODE);
            await().atMost(Duration.ofSeconds(60)).until(() -> nodeClient.list(null).items().stream()
                    .filter(n -> n.metadata().name().startsWith("hollow-"))
                    .filter(n -> Condition.find(n.status().conditions(), "Ready").map(Condition::isTrue).orElse(false))
                    .count() == 50);
            assertThat(nodes.names()).hasSize(50).contains("hollow-1", "hollow-50");

            ResourceClient<Pod> pods = plane.client().resource(Kinds.POD);
            for (int i = 1; i <= 100; i++) {
                pods.create((Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: p" + i + ", namespace: default}\n"
                        + "spec:\n  nodeName: hollow-" + (i % 50 + 1) + "\n  containers: [{name: app, image: 'jk8s/busybox:1.0'}]\n"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> pods.list("default").items().stream()
                    .filter(p -> "Running".equals(p.status().phase()))
                    .filter(p -> p.status().podIP() != null && p.status().podIP().startsWith("127.244."))
                    .count() == 100);

            for (int i = 1; i <= 100; i++) {
                pods.delete("default", "p" + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> pods.list("default", ListOptions.DEFAULT).items().isEmpty());
        }
    }
}
