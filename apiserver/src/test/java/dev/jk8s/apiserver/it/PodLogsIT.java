package dev.jk8s.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.LogOptions;
import dev.jk8s.proto.ContainerLogsRequest;
import dev.jk8s.testkit.StandInKubeletLogs;
import dev.jk8s.testkit.TestObjects;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Logs} through a real apiserver and etcd to a kubelet's log endpoint: here a stand-in
 * kubelet on 127.0.0.1 that answers from canned text (the real kubelet comes with its issue).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PodLogsIT {

    Cluster cluster;
    StandInKubeletLogs kubelet;
    Server kubeletServer;

    @BeforeEach
    void start() throws Exception {
        cluster = Cluster.start();
        kubelet = new StandInKubeletLogs();
        kubeletServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(kubelet).build().start();
        registerNode("n1", kubeletServer.getPort());
    }

    @AfterEach
    void stop() {
        if (kubeletServer != null) {
            kubeletServer.shutdownNow();
        }
        cluster.close();
    }

    @Test
    void logsArriveFromThePodsKubeletWithTheRequestPassedOn() {
        Pod pod = createPod("web", "n1", "app");

        String log = read("web", LogOptions.DEFAULT.withTailLines(2L).withPrevious(true));

        assertThat(log).isEqualTo("log of default/web/app\n");
        ContainerLogsRequest seen = kubelet.requests.get(0);
        assertThat(seen.getPodUid()).isEqualTo(pod.metadata().uid());
        assertThat(seen.getContainer()).isEqualTo("app");
        assertThat(seen.getTailLines()).isEqualTo(2);
        assertThat(seen.getHasTailLines()).isTrue();
        assertThat(seen.getPrevious()).isTrue();
    }

    @Test
    void aLargeLogArrivesWhole() {
        createPod("big", "n1", "app");
        kubelet.repeat = 20_000; // ~0.5 MiB in 20k chunks, through the relay's flow control

        String log = read("big", LogOptions.DEFAULT);

        assertThat(log).hasSize(20_000 * "log of default/big/app\n".length());
    }

    @Test
    void aContainerMustBeNamedWhenThePodHasSeveral() {
        createPod("two", "n1", "a", "b");

        assertRefused("two", LogOptions.DEFAULT, Reason.BAD_REQUEST,
                "a container name must be specified for pod two, choose one of: [a b]");
        assertRefused("two", LogOptions.DEFAULT.withContainer("c"), Reason.BAD_REQUEST,
                "container c is not valid for pod two");
        assertThat(read("two", LogOptions.DEFAULT.withContainer("b"))).isEqualTo("log of default/two/b\n");
    }

    @Test
    void refusalsNameThePodAndTheFix() {
        createPod("pending", "", "app");
        createPod("lost", "n2", "app");

        assertRefused("pending", LogOptions.DEFAULT, Reason.BAD_REQUEST, "pod pending does not have a host assigned"
                + " (spec.nodeName is empty); it has no logs until the scheduler binds it to a node");
        assertRefused("lost", LogOptions.DEFAULT, Reason.UNAVAILABLE,
                "pod lost is bound to node n2, which is not registered; its logs are unavailable until the node's"
                        + " kubelet registers it");
        assertRefused("nope", LogOptions.DEFAULT, Reason.NOT_FOUND, "pods \"nope\" not found");
    }

    @Test
    void aKubeletsErrorPassesThroughAndAnUnreachableKubeletIsNamed() {
        createPod("web", "n1", "app");
        kubelet.fail = ApiException.of(Reason.BAD_REQUEST, "container \"app\" in pod \"web\" is waiting to start: ContainerCreating");
        assertRefused("web", LogOptions.DEFAULT, Reason.BAD_REQUEST,
                "container \"app\" in pod \"web\" is waiting to start: ContainerCreating");

        int port = kubeletServer.getPort();
        kubeletServer.shutdownNow();
        ApiException e = refusal("web", LogOptions.DEFAULT);
        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("cannot reach the kubelet of node n1 at 127.0.0.1:" + port + ": ")
                .endsWith("; check that the node's kubelet is running");
    }

    @Test
    void aReaderThatStopsCancelsTheKubeletsStream() throws Exception {
        createPod("web", "n1", "app");
        kubelet.follow = true;
        Thread reader = new Thread(() -> {
            try {
                read("web", LogOptions.DEFAULT.withFollow(true));
            } catch (RuntimeException e) {
                // interrupted: expected
            }
        });
        reader.start();
        assertThat(kubelet.streaming.await(20, TimeUnit.SECONDS)).isTrue();

        reader.interrupt();

        await().atMost(Duration.ofSeconds(20)).until(() -> kubelet.cancelled.getCount() == 0);
        reader.join(20_000);
        assertThat(reader.isAlive()).isFalse();
    }

    private String read(String pod, LogOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cluster.client().logs().copy("default", pod, options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void assertRefused(String pod, LogOptions options, Reason reason, String message) {
        ApiException e = refusal(pod, options);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    private ApiException refusal(String pod, LogOptions options) {
        AtomicReference<ApiException> caught = new AtomicReference<>();
        assertThatThrownBy(() -> cluster.client().logs().copy("default", pod, options, OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(ApiException.class, caught::set);
        return caught.get();
    }

    private void registerNode(String name, int kubeletPort) {
        Node node = cluster.resource(Kinds.NODE).create(TestObjects.of(Kinds.NODE, name));
        Node reported = (Node) TestObjects.parse("""
                apiVersion: v1
                kind: Node
                metadata: {name: %s}
                status:
                  addresses: [{type: InternalIP, address: 127.0.0.1}, {type: Hostname, address: %s}]
                  daemonEndpoints: {kubeletEndpoint: {Port: %d}}
                """.formatted(name, name, kubeletPort));
        cluster.resource(Kinds.NODE).updateStatus(node.withStatus(reported.status()));
    }

    private Pod createPod(String name, String node, String... containers) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: default}
                spec:
                  nodeName: "%s"
                  containers:
                """.formatted(name, node));
        for (String c : containers) {
            yaml.append("  - {name: ").append(c).append(", image: jk8s/busybox:latest}\n");
        }
        return cluster.resource(Kinds.POD).create((Pod) TestObjects.parse(yaml.toString()));
    }
}
