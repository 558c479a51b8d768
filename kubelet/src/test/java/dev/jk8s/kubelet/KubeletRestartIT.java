package dev.jk8s.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.kubelet.node.ControlPlane;
import dev.jk8s.kubelet.runtime.Labels;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import dev.jk8s.kubelet.runtime.internal.DockerRuntime;
import dev.jk8s.testkit.DockerHost;
import dev.jk8s.testkit.TestObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kubelet as its own process, killed with SIGKILL and started again: it adopts the
 * containers it left running (same ids, no restarts, no duplicates) and goes on serving the node.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KubeletRestartIT {

    static final String NODE = "it-restart-" + UUID.randomUUID().toString().substring(0, 8);
    static ControlPlane plane;
    static ResourceClient<Pod> pods;
    static DockerRuntime docker;
    static Path root;
    static Process kubelet;

    @BeforeAll
    static void start() throws IOException {
        DockerHost.require();
        plane = ControlPlane.start();
        pods = plane.client().resource(Kinds.POD);
        docker = DockerRuntime.connect();
        root = Files.createTempDirectory("kubelet-restart-it");
    }

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.destroyForcibly();
        }
        if (docker != null) {
            docker.close();
        }
        DockerHost.removeLabelled(Labels.NODE, NODE);
        if (plane != null) {
            plane.close();
        }
    }

    /** The kubelet's shaded jar, built by the package phase that runs before the integration tests. */
    static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("jk8s-kubelet-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no kubelet jar in target/: run mvn package first"));
        }
    }

    static Process startKubelet(int run) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-jar", jar().toString(),
                "--node-name", NODE, "--apiserver", plane.client().target(), "--port", "0",
                "--root-dir", root.toString(), "--crash-loop-backoff-initial", "1s")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "kubelet-restart-it-" + run + ".log").toFile())
                .start();
    }

    private Pod create(String name) {
        return pods.create((Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: NAME, namespace: default}
                spec:
                  nodeName: NODE
                  containers:
                  - {name: a, image: 'jk8s/busybox:1.0', command: [sleep, '3600']}
                  - {name: b, image: 'jk8s/busybox:1.0', command: [sleep, '3600']}
                """.replace("NAME", name).replace("NODE", NODE)));
    }

    private boolean running(String name) {
        Pod p = pods.get("default", name);
        return "Running".equals(p.status().phase()) && p.status().containerStatuses().size() == 2
                && p.status().containerStatuses().stream().allMatch(c -> c.state().running() != null);
    }

    private List<String> containerIds(String name) {
        return pods.get("default", name).status().containerStatuses().stream().map(ContainerStatus::containerID).sorted().toList();
    }

    @Test
    void aKilledKubeletStartedAgainAdoptsItsContainers() throws Exception {
        kubelet = startKubelet(1);
        create("kept");
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> running("kept"));
        List<String> before = containerIds("kept");
        List<String> onNode = docker.listPod(NODE, "default", "kept").stream().map(RuntimeContainer::id).sorted().toList();

        kubelet.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no clean-up of any kind
        assertThat(kubelet.isAlive()).isFalse();
        kubelet = startKubelet(2);

        // The new kubelet works (it runs a new pod), and by then it has synced the old one too.
        create("after");
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> running("after"));
        await().atMost(Duration.ofSeconds(30)).until(() -> nodeReady());
        assertThat(containerIds("kept")).isEqualTo(before);
        assertThat(pods.get("default", "kept").status().containerStatuses()).allSatisfy(c -> assertThat(c.restartCount()).isZero());
        assertThat(docker.listPod(NODE, "default", "kept").stream().map(RuntimeContainer::id).sorted().toList()).isEqualTo(onNode);

        pods.delete("default", "kept");
        pods.delete("default", "after");
        await().atMost(Duration.ofSeconds(60)).until(() -> docker.list(NODE).isEmpty());
    }

    private boolean nodeReady() {
        Node n = plane.client().resource(Kinds.NODE).get(null, NODE);
        return Condition.find(n.status().conditions(), "Ready").map(Condition::isTrue).orElse(false);
    }
}
