package dev.jk8s.kubelet.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.LogOptions;
import dev.jk8s.kubelet.node.ControlPlane;
import dev.jk8s.kubelet.node.NodeAgent;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.testkit.TestObjects;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code jctl logs} end to end but for Docker: the client asks a real apiserver (and etcd), which
 * finds the node the {@link NodeAgent} registered with this kubelet's port and relays from the
 * {@link KubeletServer}, which reads an in-memory runtime.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KubeletLogServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    ControlPlane plane;
    LogsRuntime runtime;
    KubeletServer kubelet;
    ScheduledExecutorService executor;
    NodeAgent agent;
    PodRef web;

    @BeforeEach
    void start() throws Exception {
        plane = ControlPlane.start();
        runtime = new LogsRuntime();
        kubelet = KubeletServer.start("127.0.0.1", 0, "n1", runtime, null);
        executor = Executors.newSingleThreadScheduledExecutor();
        agent = new NodeAgent(plane.client(), runtime, NodeConfig.defaults("n1").withEndpoint("127.0.0.1", kubelet.port()),
                executor);
        agent.start();
        await().atMost(WAIT).ignoreExceptions().until(() -> plane.client().resource(Kinds.NODE).get(null, "n1"),
                n -> Condition.find(n.status().conditions(), "Ready").map(Condition::isTrue).orElse(false));
        Pod pod = plane.client().resource(Kinds.POD).create((Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: default}
                spec:
                  nodeName: n1
                  containers:
                  - {name: app, image: jk8s/busybox:latest}
                """));
        web = new PodRef("default", "web", pod.metadata().uid());
    }

    @AfterEach
    void stop() {
        agent.stop();
        executor.shutdownNow();
        kubelet.close();
        plane.close();
    }

    @Test
    void jctlLogsReadsTheRunningInstancesLog() {
        runtime.add("n1", new PodRef("default", "web", "an-older-pod"), "app", 7, "not this pod\n");
        runtime.add("n1", web, "app", 0, "crashed\n");
        runtime.add("n1", web, "app", 1, "line 1\nline 2\nline 3\n");

        assertThat(read(LogOptions.DEFAULT)).isEqualTo("line 1\nline 2\nline 3\n");
        assertThat(read(LogOptions.DEFAULT.withTailLines(1L))).isEqualTo("line 3\n");
        assertThat(read(LogOptions.DEFAULT.withPrevious(true))).isEqualTo("crashed\n");
    }

    @Test
    void kubernetesRefusalsReachJctl() {
        assertRefused(LogOptions.DEFAULT, Reason.BAD_REQUEST,
                "container \"app\" in pod \"web\" is waiting to start: ContainerCreating");
        runtime.add("n1", web, "app", 0, "only run\n");
        assertRefused(LogOptions.DEFAULT.withPrevious(true), Reason.BAD_REQUEST,
                "previous terminated container \"app\" in pod \"web\" not found");
    }

    @Test
    void followingStreamsUntilTheReaderStopsWhichClosesTheRuntimesStream() throws Exception {
        runtime.add("n1", web, "app", 0, "started\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                plane.client().logs().copy("default", "web", LogOptions.DEFAULT.withFollow(true), out);
            } catch (RuntimeException e) {
                // interrupted: how jctl stops following
            }
        });
        reader.start();
        await().atMost(WAIT).until(() -> out.toString(StandardCharsets.UTF_8).equals("started\n"));
        assertThat(runtime.closed.getCount()).isEqualTo(1);

        reader.interrupt();

        assertThat(runtime.closed.await(20, TimeUnit.SECONDS)).isTrue();
        reader.join(20_000);
        assertThat(reader.isAlive()).isFalse();
    }

    private String read(LogOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plane.client().logs().copy("default", "web", options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void assertRefused(LogOptions options, Reason reason, String message) {
        AtomicReference<ApiException> caught = new AtomicReference<>();
        assertThatThrownBy(() -> plane.client().logs().copy("default", "web", options, OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(ApiException.class, caught::set);
        assertThat(caught.get().reason()).isEqualTo(reason);
        assertThat(caught.get().getMessage()).isEqualTo(message);
    }
}
