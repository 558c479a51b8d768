package dev.jk8s.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.LogOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.kubelet.node.ControlPlane;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.kubelet.runtime.Labels;
import dev.jk8s.kubelet.runtime.internal.DockerRuntime;
import dev.jk8s.testkit.DockerHost;
import dev.jk8s.testkit.TestObjects;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A kubelet on real Docker, with a real apiserver and etcd: pods as a user writes them, and what
 * the user then sees in their status, their logs and on the node.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KubeletIT {

    static final String NODE = "it-" + UUID.randomUUID().toString().substring(0, 8);
    static ControlPlane plane;
    static ApiClient client;
    static ResourceClient<Pod> pods;
    static DockerRuntime docker;
    static Kubelet kubelet;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        DockerHost.require();
        plane = ControlPlane.start();
        client = plane.client();
        pods = client.resource(Kinds.POD);
        docker = DockerRuntime.connect();
        root = Files.createTempDirectory("kubelet-it");
        // Short back-offs, as users ask for: 1 s doubling up to 8 s instead of 10 s up to 300 s.
        kubelet = Kubelet.start(client, docker, Kubelet.Options.defaults(NodeConfig.defaults(NODE), root)
                .withPort(0).withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8)).withResync(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (docker != null) {
            docker.close();
        }
        DockerHost.removeLabelled(Labels.NODE, NODE);
        if (plane != null) {
            plane.close();
        }
    }

    final List<String> created = new ArrayList<>();

    /** Deleting a test's pods must leave no container of them: that is the kubelet's job, checked here. */
    @AfterEach
    void deletePods() {
        for (String name : created) {
            try {
                pods.delete("default", name, dev.jk8s.client.DeleteOptions.DEFAULT.withGracePeriod(1L));
            } catch (ApiException e) {
                assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(docker.list(NODE)).isEmpty());
    }

    private Pod create(String yaml) {
        Pod pod = (Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\n" + yaml.replace("NODE", NODE));
        created.add(pod.metadata().name());
        return pods.create(pod);
    }

    private Pod get(String name) {
        return pods.get("default", name);
    }

    /** The container's status; before the kubelet reported any, an empty one. */
    private ContainerStatus container(String pod, String name) {
        return get(pod).status().containerStatuses().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElse(new ContainerStatus(name, null, null, false, 0, null, null, null, false));
    }

    private String logs(String pod, LogOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.logs().copy("default", pod, options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private boolean ready(String pod) {
        return Condition.find(get(pod).status().conditions(), "Ready").map(Condition::isTrue).orElse(false);
    }

    @Test
    void containersOfAPodShareLocalhost() {
        create("""
                metadata: {name: pair, namespace: default}
                spec:
                  nodeName: NODE
                  containers:
                  - {name: web, image: 'jk8s/http:1.0'}
                  - name: client
                    image: jk8s/busybox:1.0
                    command: [sh, -c, 'until wget -qO- http://127.0.0.1:80/; do sleep 0.2; done; exec sleep 3600']
                """);

        await().atMost(Duration.ofSeconds(60)).until(() -> "Running".equals(get("pair").status().phase()) && ready("pair"));
        await().atMost(Duration.ofSeconds(30)).until(() -> logs("pair", LogOptions.DEFAULT.withContainer("client")).equals("pair\n"));
        Pod pod = get("pair");
        assertThat(pod.status().podIP()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(pod.status().hostIP()).isEqualTo("127.0.0.1");
        assertThat(pod.status().containerStatuses()).allSatisfy(c -> {
            assertThat(c.state().running()).isNotNull();
            assertThat(c.containerID()).startsWith("docker://");
            assertThat(c.restartCount()).isZero();
        });
    }

    @Test
    void aCrashingContainerBacksOffWithGrowingDelaysAndItsPreviousRunKeepsItsLog() {
        create("""
                metadata: {name: crash, namespace: default}
                spec:
                  nodeName: NODE
                  containers:
                  - name: app
                    image: jk8s/busybox:1.0
                    command: [sh, -c, 'echo "run at $(date +%s)"; exit 3']
                """);

        await().atMost(Duration.ofSeconds(60)).until(() -> container("crash", "app").restartCount() >= 3);
        ContainerStatus app = container("crash", "app");
        await().atMost(Duration.ofSeconds(30)).until(() -> container("crash", "app").state().waiting() != null
                && "CrashLoopBackOff".equals(container("crash", "app").state().waiting().reason()));
        app = container("crash", "app");
        assertThat(app.state().waiting().message()).matches("back-off \\d+s restarting failed container=app pod=crash_default\\(.+\\)");
        assertThat(app.lastState().terminated().exitCode()).isEqualTo(3);
        assertThat(app.lastState().terminated().reason()).isEqualTo("Error");
        assertThat(get("crash").status().phase()).isEqualTo("Running");
        assertThat(logs("crash", LogOptions.DEFAULT.withPrevious(true))).startsWith("run at ");

        // The delays grow: 1 s, 2 s, 4 s ... so the time between restarts does too.
        List<Long> runs = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String line = logs("crash", LogOptions.DEFAULT.withPrevious(true)).trim();
            long at = Long.parseLong(line.substring("run at ".length()));
            if (runs.isEmpty() || runs.get(runs.size() - 1) != at) {
                runs.add(at);
            }
            return runs.size() >= 3;
        });
        assertThat(runs.get(2) - runs.get(1)).isGreaterThan(runs.get(1) - runs.get(0));
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainer() {
        create("""
                metadata: {name: liveness, namespace: default}
                spec:
                  nodeName: NODE
                  containers:
                  - name: app
                    image: jk8s/busybox:1.0
                    command: [sh, -c, 'touch /tmp/healthy; sleep 2; rm /tmp/healthy; exec sleep 3600']
                    livenessProbe:
                      exec: {command: [cat, /tmp/healthy]}
                      periodSeconds: 1
                      failureThreshold: 2
                """);

        await().atMost(Duration.ofSeconds(60)).until(() -> container("liveness", "app").restartCount() >= 1);
        ContainerStatus app = container("liveness", "app");
        assertThat(app.lastState().terminated()).isNotNull();
        assertThat(app.lastState().terminated().exitCode()).isEqualTo(143); // stopped with SIGTERM, as Kubernetes does
        assertThat(app.state().running()).isNotNull();
    }

    @Test
    void aFailingReadinessProbeFlipsReady() {
        create("""
                metadata: {name: readiness, namespace: default}
                spec:
                  nodeName: NODE
                  containers:
                  - name: app
                    image: jk8s/busybox:1.0
                    command: [sh, -c, 'touch /tmp/ready; exec sleep 3600']
                    readinessProbe:
                      exec: {command: [cat, /tmp/ready]}
                      periodSeconds: 1
                      failureThreshold: 1
                """);
        await().atMost(Duration.ofSeconds(60)).until(() -> ready("readiness"));

        String id = container("readiness", "app").containerID().substring("docker://".length());
        docker.exec(id, List.of("rm", "/tmp/ready"), Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(30)).until(() -> !ready("readiness"));
        Condition readyCondition = Condition.find(get("readiness").status().conditions(), "Ready").orElseThrow();
        assertThat(readyCondition.reason()).isEqualTo("ContainersNotReady");
        assertThat(readyCondition.message()).isEqualTo("containers with unready status: [app]");
        assertThat(container("readiness", "app").restartCount()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.resource(Kinds.EVENT).list("default").items().stream()
                .anyMatch(e -> e.involvedObject().name().equals("readiness") && "Unhealthy".equals(e.reason())
                        && e.message().startsWith("Readiness probe failed: ")));
    }

    @Test
    void aMissingImageIsErrImagePullThenImagePullBackOffWithTheEnginesMessage() {
        // A registry address on loopback where nothing listens: the pull is refused at once and
        // nothing leaves the host.
        create("""
                metadata: {name: missing, namespace: default}
                spec:
                  nodeName: NODE
                  containers:
                  - {name: app, image: '127.0.0.1:1/jk8s/missing:1.0'}
                """);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var w = container("missing", "app").state().waiting();
            return w != null && "ErrImagePull".equals(w.reason());
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var w = container("missing", "app").state().waiting();
            return w != null && "ImagePullBackOff".equals(w.reason());
        });
        assertThat(container("missing", "app").state().waiting().message())
                .startsWith("Back-off pulling image \"127.0.0.1:1/jk8s/missing:1.0\": Failed to pull image")
                .contains("connection refused");
        assertThat(get("missing").status().phase()).isEqualTo("Pending");
    }

    @Test
    void aGracefulDeleteDeliversSigtermAndThenThePodIsGone() throws Exception {
        Path marks = Files.createTempDirectory(root, "marks");
        marks.toFile().setWritable(true, false);
        create("""
                metadata: {name: graceful, namespace: default}
                spec:
                  nodeName: NODE
                  terminationGracePeriodSeconds: 30
                  volumes: [{name: marks, hostPath: {path: 'MARKS'}}]
                  containers:
                  - name: app
                    image: jk8s/busybox:1.0
                    command: [sh, -c, 'trap "echo got TERM > /marks/term; exit 0" TERM; while true; do sleep 0.1; done']
                    volumeMounts: [{name: marks, mountPath: /marks}]
                """.replace("MARKS", marks.toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> "Running".equals(get("graceful").status().phase()));

        long started = System.nanoTime();
        pods.delete("default", "graceful");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                get("graceful");
                return false;
            } catch (ApiException e) {
                return e.reason() == Reason.NOT_FOUND;
            }
        });
        // Gone well within the 30 s grace period: the container handled SIGTERM and exited.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(Files.readString(marks.resolve("term"))).isEqualTo("got TERM\n");
        assertThat(docker.listPod(NODE, "default", "graceful")).isEmpty();
    }

    @Test
    void preStopHooksRunBeforeSigtermAndTheirTimeCountsInTheGracePeriod() throws Exception {
        Path marks = Files.createTempDirectory(root, "hooks");
        marks.toFile().setWritable(true, false);
        create("""
                metadata: {name: hooked, namespace: default}
                spec:
                  nodeName: NODE
                  terminationGracePeriodSeconds: 30
                  volumes: [{name: marks, hostPath: {path: 'MARKS'}}]
                  containers:
                  - name: web
                    image: jk8s/busybox:1.0
                    command: [sh, -c, 'trap "echo web TERM >> /marks/log; exit 0" TERM; while true; do sleep 0.1; done']
                    volumeMounts: [{name: marks, mountPath: /marks}]
                    lifecycle: {preStop: {exec: {command: [sh, -c, "echo web preStop >> /marks/log; sleep 2"]}}}
                  - name: side
                    image: jk8s/busybox:1.0
                    command: [sh, -c, 'trap "echo side TERM >> /marks/log; exit 0" TERM; while true; do sleep 0.1; done']
                    volumeMounts: [{name: marks, mountPath: /marks}]
                    lifecycle: {preStop: {sleep: {seconds: 2}}}
                """.replace("MARKS", marks.toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> "Running".equals(get("hooked").status().phase()));

        long started = System.nanoTime();
        pods.delete("default", "hooked");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                get("hooked");
                return false;
            } catch (ApiException e) {
                return e.reason() == Reason.NOT_FOUND;
            }
        });

        // Both hooks held SIGTERM back for their 2 s; the containers then handled it at once.
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(20));
        List<String> log = Files.readAllLines(marks.resolve("log"));
        assertThat(log.get(0)).isEqualTo("web preStop");
        assertThat(log.subList(1, log.size())).containsExactlyInAnyOrder("web TERM", "side TERM");
        assertThat(docker.listPod(NODE, "default", "hooked")).isEmpty();
    }
}
