package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Service;
import dev.jk8s.client.LogOptions;
import dev.jk8s.proxy.CommandRunner;
import dev.jk8s.proxy.ProxyServer;
import dev.jk8s.proxy.ServiceRange;
import dev.jk8s.proxy.userspace.UserspaceProxier;
import dev.jk8s.testkit.TestObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The proxy in userspace mode on a real node: the service range is made local, the proxy listens
 * on the cluster IP and relays each connection to one of 2 replicas in turn, for the host and for
 * pods. {@code cleanup} removes the local route, even after a failure.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class UserspaceProxyIT {

    static final CommandRunner HOST = CommandRunner.system(Duration.ofSeconds(30));
    static final ServiceRange RANGE = new ServiceRange("10.96.0.0/12", HOST);

    ControlPlane cluster;
    DockerNode node;
    ProxyServer proxy;

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(0, "replicaset", "endpoints");
        node = new DockerNode(cluster.client, "userspace");
        proxy = ProxyServer.start(cluster.client, new UserspaceProxier(HOST, RANGE, "127.0.0.1"), ProxyServer.Options.DEFAULT);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (proxy != null) {
                proxy.close();
            }
            new UserspaceProxier(HOST, RANGE).cleanup();
        } finally {
            if (node != null) {
                node.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void theClusterIpIsServedInTurnsToTheHostAndToPodsAndTheRangeStaysLocal() throws Exception {
        cluster.client.resource(Kinds.REPLICA_SET).create((ReplicaSet) TestObjects.parse("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: http, image: "jk8s/http:1.0", ports: [{name: http, containerPort: 80}]}]}
                """));
        Service web = cluster.client.resource(Kinds.SERVICE).create((Service) TestObjects.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec: {selector: {app: web}, ports: [{port: 8080, targetPort: http}]}
                """));
        String ip = web.spec().clusterIP();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> answers(ip, 4).size() == 2);

        Map<String, Integer> fromHost = answers(ip, 60);
        assertThat(fromHost.values()).containsExactly(30, 30); // round-robin
        assertThat(fromPod(ip, 60)).hasSize(2).allSatisfy((pod, n) -> assertThat(n).isEqualTo(30L));
        assertThat(RANGE.lookup("10.111.255.254")).startsWith("local 10.111.255.254 dev lo");
    }

    private static Map<String, Integer> answers(String ip, int n) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.merge(ServiceProxyIT.get(ip, 8080), 1, Integer::sum);
        }
        return out;
    }

    private Map<String, Long> fromPod(String ip, int n) throws Exception {
        cluster.client.resource(Kinds.POD).create((Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: client, namespace: default}
                spec:
                  restartPolicy: Never
                  containers: [{name: wget, image: "jk8s/busybox:1.0",
                                command: [sh, -c, 'for i in $(seq %d); do wget -q -O - http://%s:8080/ || echo FAILED; done']}]
                """.formatted(n, ip)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "Succeeded".equals(
                cluster.client.resource(Kinds.POD).get("default", "client").status().phase()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cluster.client.logs().copy("default", "client", LogOptions.DEFAULT, out);
        return out.toString(StandardCharsets.UTF_8).lines()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }
}
