package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Pod;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.kubelet.hollow.HollowNodes;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.TestObjects;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two scheduler processes: exactly one schedules, and when it is killed the other takes over within 15 s. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchedulerFailoverIT {

    EtcdServer etcd;
    ApiServer apiserver;
    ApiClient client;
    HollowNodes nodes;
    Process first;
    Process second;

    @AfterEach
    void stop() {
        Stream.of(first, second).filter(p -> p != null).forEach(Process::destroyForcibly);
        if (nodes != null) {
            nodes.close();
        }
        if (client != null) {
            client.close();
        }
        if (apiserver != null) {
            apiserver.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    /** The scheduler's shaded jar, built by the reactor before this module. */
    static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "scheduler", "target"))) {
            return files.filter(p -> p.getFileName().toString().matches("jk8s-scheduler-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no scheduler jar in scheduler/target: run mvn package"));
        }
    }

    Process scheduler(String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx96m", "-jar", jar().toString(), "--apiserver", client.target(), "--port", "0")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "scheduler-" + name + ".log").toFile()).start();
    }

    /** The scheduler's count of pods it bound, from its /metrics (port read from its log). */
    static long scheduled(String name) throws Exception {
        Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(Files.readString(Path.of("target", "scheduler-" + name + ".log")));
        if (!port.find()) {
            return -1;
        }
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1)
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("scheduler_schedule_attempts_total\\{result=\"scheduled\"} (\\d+)").matcher(metrics);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private boolean bound(ResourceClient<Pod> pods, String name) {
        String node = pods.get("default", name).spec().nodeName();
        return node != null && !node.isEmpty();
    }

    @Test
    void exactlyOneOfTwoSchedulersSchedulesAndTheOtherTakesOverWhenItIsKilled() throws Exception {
        etcd = new EtcdServer().start();
        apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
        client = ApiClient.connect("127.0.0.1:" + apiserver.port());
        nodes = HollowNodes.start(client, 3, "n-", NodeConfig.defaults("template"), Files.createTempDirectory("hollow"), 2);
        ResourceClient<Pod> pods = client.resource(Kinds.POD);
        first = scheduler("first");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.resource(Kinds.LEASE)
                .get("kube-system", "default-scheduler").spec().holderIdentity() != null);
        second = scheduler("second");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> scheduled("second") == 0);

        for (int i = 1; i <= 5; i++) {
            pods.create((Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: p" + i
                    + ", namespace: default}\nspec:\n  containers: [{name: app, image: 'jk8s/busybox:1.0'}]\n"));
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> scheduled("first") + scheduled("second") == 5);
        assertThat(scheduled("first")).isEqualTo(5);
        assertThat(scheduled("second")).isZero();

        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: the lease is not released
        long killed = System.nanoTime();
        pods.create((Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: after, namespace: default}\n"
                + "spec:\n  containers: [{name: app, image: 'jk8s/busybox:1.0'}]\n"));

        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> bound(pods, "after"));
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));
        assertThat(scheduled("second")).isEqualTo(1);
    }
}
