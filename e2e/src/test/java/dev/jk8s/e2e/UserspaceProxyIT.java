package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.Service;
import dev.jk8s.proxy.CommandRunner;
import dev.jk8s.proxy.Footprint;
import dev.jk8s.proxy.ProxyServer;
import dev.jk8s.proxy.ServiceRange;
import dev.jk8s.proxy.userspace.UserspaceProxier;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    boolean ownRoute; // false: another proxy's route was here, and stays

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(0, "replicaset", "endpoints");
        node = new DockerNode(cluster.client, "userspace");
        Footprint.requireNone(HOST, RANGE);
        ownRoute = true;
        proxy = ProxyServer.start(cluster.client, new UserspaceProxier(HOST, RANGE, "127.0.0.1"), ProxyServer.Options.DEFAULT);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (proxy != null) {
                proxy.close();
            }
            if (ownRoute) {
                new UserspaceProxier(HOST, RANGE).cleanup();
            }
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
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            Map<String, Long> first = ServiceTraffic.fromHost(ip, 8080, 4);
            return first.size() == 2 && !first.containsKey(ServiceTraffic.FAILED);
        });

        assertThat(ServiceTraffic.fromHost(ip, 8080, 60).values()).containsExactly(30L, 30L); // round-robin
        assertThat(ServiceTraffic.fromPod(cluster.client, ip, 8080, 60).values()).containsExactly(30L, 30L);
        assertThat(RANGE.lookup("10.111.255.254")).startsWith("local 10.111.255.254 dev lo");
    }
}
