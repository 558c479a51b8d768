package dev.jk8s.kubelet.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.kubelet.runtime.ContainerRuntime.LogSink;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException.Kind;
import dev.jk8s.kubelet.runtime.RuntimeContainer.State;
import dev.jk8s.kubelet.runtime.internal.DockerRuntime;
import dev.jk8s.testkit.DockerHost;
import dev.jk8s.testkit.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link DockerRuntime} against the machine's dockerd, with the images of {@code images/build}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerRuntimeIT {

    static final String PAUSE = "jk8s/pause:1.0";
    static final String BUSYBOX = "jk8s/busybox:1.0";
    static final String HTTP = "jk8s/http:1.0";
    static final String NODE = "it-" + UUID.randomUUID().toString().substring(0, 8);
    static final Duration WAIT = Duration.ofSeconds(20);

    static DockerRuntime runtime;

    @BeforeAll
    static void connect() {
        DockerHost.require();
        runtime = DockerRuntime.connect();
    }

    @AfterEach
    void removeContainers() {
        DockerHost.removeLabelled(Labels.NODE, NODE);
        DockerHost.removeLabelled(Labels.NODE, NODE + "-other");
    }

    @AfterAll
    static void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void containersOfAPodShareTheSandboxNetworkAndAreListedWithTheirLabels() throws Exception {
        PodRef pod = pod("web-1");
        int hostPort = FreePorts.pick();
        String sandbox = runtime.runSandbox(new SandboxSpec(NODE, pod, PAUSE, "web-1", false,
                List.of(new SandboxSpec.PortMapping(80, hostPort, "TCP"))));
        String server = runtime.runContainer(container(pod, sandbox, "server", 0, HTTP, List.of(), List.of()));
        String client = runtime.runContainer(container(pod, sandbox, "client", 1, BUSYBOX, List.of("sh", "-c"),
                List.of("until wget -qO- http://127.0.0.1:80/; do sleep 0.1; done")));

        await().atMost(WAIT).until(() -> byName(pod).get(1).state() == State.EXITED);
        List<RuntimeContainer> listed = byName(pod);
        assertThat(listed).extracting(RuntimeContainer::id).containsExactly(sandbox, client, server);
        assertThat(listed).extracting(RuntimeContainer::name).containsExactly("POD", "client", "server");
        assertThat(listed).extracting(RuntimeContainer::attempt).containsExactly(0, 1, 0);
        assertThat(listed).extracting(RuntimeContainer::state).containsExactly(State.RUNNING, State.EXITED, State.RUNNING);
        assertThat(listed).extracting(RuntimeContainer::pod).containsOnly(pod);
        assertThat(listed).extracting(RuntimeContainer::image).containsExactly(PAUSE, BUSYBOX, HTTP);
        assertThat(listed).allSatisfy(c -> assertThat(c.imageId()).startsWith("sha256:"));
        assertThat(listed.get(0).ip()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(listed.get(1).ip()).isNull();
        assertThat(listed.get(1).exitCode()).isZero();
        assertThat(listed.get(1).reason()).isEqualTo("Completed");
        assertThat(listed.get(2).startedAt()).isNotNull();
        assertThat(listed.get(2).finishedAt()).isNull();
        assertThat(listed.get(2).exitCode()).isNull();
        assertThat(logs(client, LogRequest.ALL)).isEqualTo("web-1\n");
        assertThat(runtime.list(NODE)).extracting(RuntimeContainer::id).containsExactlyInAnyOrder(sandbox, client, server);
        HttpResponse<String> viaHostPort = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viaHostPort.body()).isEqualTo("web-1\n");
    }

    @Test
    void envWorkingDirMountsAndArgsAreApplied(@TempDir Path dir) throws Exception {
        PodRef pod = pod("spec");
        String sandbox = runtime.runSandbox(sandbox(pod));
        ContainerSpec spec = new ContainerSpec(NODE, pod, "app", 0, sandbox, BUSYBOX, List.of("sh", "-c"),
                List.of("echo $GREETING $(pwd) $(cat /in/file); touch /in/x 2>&1 | sed 's/.*: //'"), List.of("GREETING=hi"),
                "/tmp", List.of(new Mount(dir.toString(), "/in", true)), 500_000_000L, 64 << 20);
        Files.writeString(dir.resolve("file"), "from-host");
        String app = runtime.runContainer(spec);
        String argsOnly = runtime.runContainer(container(pod, sandbox, "args", 0, BUSYBOX, List.of(),
                List.of("echo", "image entrypoint, my args")));

        await().atMost(WAIT).until(() -> byName(pod).stream().filter(c -> c.state() == State.EXITED).count() == 2);
        assertThat(logs(app, LogRequest.ALL)).isEqualTo("hi /tmp from-host\nRead-only file system\n");
        assertThat(logs(argsOnly, LogRequest.ALL)).isEqualTo("image entrypoint, my args\n");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aLeftoverWithTheSameNameDoesNotBlockASandboxAndHostNetworkHasNoIp() {
        PodRef pod = pod("again");
        String first = runtime.runSandbox(sandbox(pod));
        String second = runtime.runSandbox(sandbox(pod));
        PodRef host = pod("host");
        String onHost = runtime.runSandbox(new SandboxSpec(NODE, host, PAUSE, "ignored", true, List.of()));

        assertThat(second).isNotEqualTo(first);
        assertThat(byName(pod)).extracting(RuntimeContainer::id).containsExactlyInAnyOrder(first, second);
        RuntimeContainer hostSandbox = byName(host).get(0);
        assertThat(hostSandbox.id()).isEqualTo(onHost);
        assertThat(hostSandbox.state()).isEqualTo(State.RUNNING);
        assertThat(hostSandbox.ip()).isNull();
    }

    @Test
    void anExitedContainerHasItsExitCodeAndReason() {
        PodRef pod = pod("exits");
        String sandbox = runtime.runSandbox(sandbox(pod));
        runtime.runContainer(sh(pod, sandbox, "ok", "true"));
        runtime.runContainer(sh(pod, sandbox, "fails", "exit 3"));
        ContainerSpec hog = new ContainerSpec(NODE, pod, "hog", 0, sandbox, BUSYBOX, List.of("sh", "-c"),
                List.of("x=$(head -c 60000000 /dev/zero | tr '\\0' a)"), List.of(), null, List.of(), 0, 8 << 20);
        runtime.runContainer(hog);

        await().atMost(WAIT).until(() -> byName(pod).stream().filter(c -> c.state() == State.EXITED).count() == 3);
        List<RuntimeContainer> listed = byName(pod);
        assertThat(listed).extracting(RuntimeContainer::name).containsExactly("POD", "fails", "hog", "ok");
        assertThat(listed).extracting(RuntimeContainer::exitCode).containsExactly(null, 3, 137, 0);
        assertThat(listed).extracting(RuntimeContainer::reason).containsExactly(null, "Error", "OOMKilled", "Completed");
        RuntimeContainer fails = listed.get(1);
        assertThat(fails.finishedAt()).isAfterOrEqualTo(fails.startedAt());
        assertThat(fails.startedAt()).isAfterOrEqualTo(fails.createdAt());
    }

    @Test
    void stopSendsSigtermAndReturnsOnceStopped(@TempDir Path dir) throws Exception {
        PodRef pod = pod("stops");
        String sandbox = runtime.runSandbox(sandbox(pod));
        ContainerSpec spec = new ContainerSpec(NODE, pod, "app", 0, sandbox, BUSYBOX, List.of("sh", "-c"),
                List.of("trap 'echo TERM > /mnt/t; exit 0' TERM; touch /mnt/ready; while true; do sleep 0.1; done"),
                List.of(), null, List.of(new Mount(dir.toString(), "/mnt", false)), 0, 0);
        String id = runtime.runContainer(spec);
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("ready")));

        long start = System.nanoTime();
        runtime.stop(id, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(Files.readString(dir.resolve("t"))).isEqualTo("TERM\n");
        RuntimeContainer app = byName(pod).get(1);
        assertThat(app.state()).isEqualTo(State.EXITED);
        assertThat(app.reason()).isEqualTo("Completed");
        runtime.stop(id, Duration.ofSeconds(1)); // not running: no error
        runtime.remove(id);
        runtime.remove(id); // gone: no error
        runtime.stop(id, Duration.ZERO);
        assertThat(byName(pod)).extracting(RuntimeContainer::name).containsExactly("POD");
    }

    @Test
    void stopWithoutGraceKills() {
        PodRef pod = pod("killed");
        String sandbox = runtime.runSandbox(sandbox(pod));
        String id = runtime.runContainer(sh(pod, sandbox, "app", "trap '' TERM; while true; do sleep 0.1; done"));

        runtime.stop(id, Duration.ZERO);

        RuntimeContainer app = byName(pod).get(1);
        assertThat(app.state()).isEqualTo(State.EXITED);
        assertThat(app.exitCode()).isEqualTo(137);
    }

    @Test
    void aMissingImageIsNotPulledAndLeavesNoContainer() {
        PodRef pod = pod("missing");
        String sandbox = runtime.runSandbox(sandbox(pod));

        assertThatThrownBy(() -> runtime.runContainer(container(pod, sandbox, "app", 0, "jk8s/none:1", List.of(), List.of())))
                .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.IMAGE_NOT_FOUND);
                    assertThat(e).hasMessage("run container \"app\" of pod default/missing: No such image: jk8s/none:1");
                });
        assertThatThrownBy(() -> runtime.runSandbox(new SandboxSpec(NODE, pod("other"), "jk8s/none:1", "other", false,
                List.of()))).hasMessage("run the sandbox of pod default/other: No such image: jk8s/none:1");
        assertThat(runtime.list(NODE)).extracting(RuntimeContainer::name).containsExactly("POD");
        assertThat(runtime.hasImage("jk8s/none:1")).isFalse();
        assertThat(runtime.hasImage(BUSYBOX)).isTrue();
    }

    @Test
    void aContainerThatCannotStartIsRemoved() {
        PodRef pod = pod("nostart");
        String sandbox = runtime.runSandbox(sandbox(pod));
        runtime.stop(sandbox, Duration.ZERO);

        assertThatThrownBy(() -> runtime.runContainer(sh(pod, sandbox, "app", "true")))
                .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FAILED))
                .hasMessage("run container \"app\" of pod default/nostart: "
                        + "cannot join network of a non running container: " + sandbox);
        assertThat(runtime.list(NODE)).extracting(RuntimeContainer::name).containsExactly("POD");
    }

    @Test
    void aFailedPullReportsTheEnginesMessage() {
        String registry = "127.0.0.1:" + FreePorts.pick();
        String image = registry + "/jk8s/none:1";

        assertThatThrownBy(() -> runtime.pullImage(image))
                .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> assertThat(e.kind()).isEqualTo(Kind.IMAGE_NOT_FOUND))
                .hasMessage("pull image \"" + image + "\": Get \"http://" + registry + "/v2/\": dial tcp " + registry
                        + ": connect: connection refused");
    }

    @Test
    void execReturnsExitCodeAndOutputAndTimesOut() {
        PodRef pod = pod("exec");
        String sandbox = runtime.runSandbox(sandbox(pod));
        String id = runtime.runContainer(sh(pod, sandbox, "app", "sleep 3600"));

        ExecResult result = runtime.exec(id, List.of("sh", "-c", "echo out; echo err >&2; exit 7"), WAIT);
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.output().lines()).containsExactlyInAnyOrder("out", "err");
        ExecResult big = runtime.exec(id, List.of("sh", "-c", "head -c 20000 /dev/zero | tr '\\0' a"), WAIT);
        assertThat(big.output()).hasSize(10 * 1024).matches("a+");
        assertThatThrownBy(() -> runtime.exec(id, List.of("sleep", "5"), Duration.ofMillis(300)))
                .hasMessage("exec [sleep, 5] in container " + id.substring(0, 12) + ": timed out after 300ms");
        assertThatThrownBy(() -> runtime.exec("0123456789ab", List.of("true"), WAIT))
                .isInstanceOfSatisfying(ContainerRuntimeException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessage("exec [true] in container 0123456789ab: No such container: 0123456789ab");
    }

    @Test
    void logsTailAndFollow() throws Exception {
        PodRef pod = pod("logs");
        String sandbox = runtime.runSandbox(sandbox(pod));
        String id = runtime.runContainer(sh(pod, sandbox, "app",
                "for i in 1 2 3; do echo line$i; done; until [ -f /tmp/go ]; do sleep 0.1; done; echo after; "
                        + "until [ -f /tmp/end ]; do sleep 0.1; done"));
        await().atMost(WAIT).until(() -> logs(id, LogRequest.ALL).equals("line1\nline2\nline3\n"));

        assertThat(logs(id, new LogRequest(false, 2))).isEqualTo("line2\nline3\n");
        Collector follow = new Collector();
        try (Closeable stream = runtime.streamLogs(id, new LogRequest(true, 0), follow)) {
            runtime.exec(id, List.of("touch", "/tmp/go"), WAIT);
            await().atMost(WAIT).until(() -> follow.text().equals("after\n"));
            assertThat(follow.ended).isNotDone();
            runtime.exec(id, List.of("touch", "/tmp/end"), WAIT);
            assertThat(follow.ended.get(20, TimeUnit.SECONDS)).isNull(); // the container stopped: a complete log
        }
        Collector closed = new Collector();
        runtime.streamLogs(id, new LogRequest(true, -1), closed).close();
        assertThat(closed.ended).isNotDone();
    }

    @Test
    void logsOfAMissingContainerEndWithNotFound() throws Exception {
        Collector missing = new Collector();
        runtime.streamLogs("0123456789ab", LogRequest.ALL, missing);

        Throwable error = missing.ended.get(20, TimeUnit.SECONDS);
        assertThat(error).isInstanceOfSatisfying(ContainerRuntimeException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessage("logs of container 0123456789ab: No such container: 0123456789ab");
    }

    @Test
    void watchEventsReportsTheDeathOfAContainerOfTheNode() throws Exception {
        PodRef pod = pod("watched");
        String sandbox = runtime.runSandbox(sandbox(pod));
        String id = runtime.runContainer(sh(pod, sandbox, "app", "sleep 3600"));
        PodRef other = pod("elsewhere");
        String otherSandbox = runtime.runSandbox(new SandboxSpec(NODE + "-other", other, PAUSE, "x", false, List.of()));
        List<PodRef> reported = new CopyOnWriteArrayList<>();

        try (Closeable watch = runtime.watchEvents(NODE, reported::add)) {
            runtime.stop(otherSandbox, Duration.ZERO); // another node's: not reported
            runtime.stop(id, Duration.ZERO);
            await().atMost(WAIT).until(() -> !reported.isEmpty());
        }
        assertThat(reported).containsOnly(pod); // started before the watch: only its death
    }

    @Test
    void versionNamesTheEngine() {
        assertThat(runtime.version()).matches("docker://\\d+\\.\\d+\\.\\d+.*");
    }

    // ---------------------------------------------------------------- helpers

    static PodRef pod(String name) {
        return new PodRef("default", name, UUID.randomUUID().toString());
    }

    static SandboxSpec sandbox(PodRef pod) {
        return new SandboxSpec(NODE, pod, PAUSE, pod.name(), false, List.of());
    }

    static ContainerSpec container(PodRef pod, String sandbox, String name, int attempt, String image,
                                   List<String> command, List<String> args) {
        return new ContainerSpec(NODE, pod, name, attempt, sandbox, image, command, args, List.of(), null, List.of(), 0, 0);
    }

    static ContainerSpec sh(PodRef pod, String sandbox, String name, String script) {
        return container(pod, sandbox, name, 0, BUSYBOX, List.of("sh", "-c"), List.of(script));
    }

    /** The pod's containers, the sandbox first, then by name. */
    static List<RuntimeContainer> byName(PodRef pod) {
        return runtime.listPod(NODE, pod.namespace(), pod.name()).stream()
                .sorted(Comparator.comparing((RuntimeContainer c) -> !c.isSandbox()).thenComparing(RuntimeContainer::name))
                .toList();
    }

    static String logs(String id, LogRequest request) throws Exception {
        Collector collector = new Collector();
        runtime.streamLogs(id, request, collector);
        Throwable error = collector.ended.get(20, TimeUnit.SECONDS);
        assertThat(error).isNull();
        return collector.text();
    }

    /** A log sink that keeps what it got and how it ended. */
    static final class Collector implements LogSink {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<Throwable> ended = new CompletableFuture<>();

        @Override
        public synchronized void chunk(byte[] data) {
            bytes.writeBytes(data);
        }

        @Override
        public void end(Throwable error) {
            if (!ended.complete(error)) {
                throw new AssertionError("end called twice");
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
