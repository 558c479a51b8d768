package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Service;
import dev.jk8s.proxy.CommandRunner;
import dev.jk8s.proxy.Footprint;
import dev.jk8s.proxy.ProxyServer;
import dev.jk8s.proxy.ServiceRange;
import dev.jk8s.proxy.iptables.IptablesProxier;
import dev.jk8s.testkit.TestObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The proxy in iptables mode on a real node: a 3-replica HTTP Deployment (each replica answers
 * with its pod's name) behind a NodePort Service, reached from the host and from a pod. The
 * tests run in order on one cluster: the later ones scale down and clean up. Whatever happens,
 * the proxy's rules, chains and route are removed at the end.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceProxyIT {

    static final CommandRunner HOST = CommandRunner.system(Duration.ofSeconds(30));
    static final int REQUESTS = 300;

    ControlPlane cluster;
    DockerNode node;
    ProxyServer proxy;
    boolean ownRules; // false: another proxy's rules were here, and stay
    String rulesBefore;
    String routeLocalnetBefore;
    String clusterIp;
    int nodePort;

    @BeforeAll
    void start() throws Exception {
        cluster = new ControlPlane(0, "deployment", "replicaset", "endpoints");
        node = new DockerNode(cluster.client, "proxy");
        Footprint.requireNone(HOST, new ServiceRange("10.96.0.0/12", HOST));
        ownRules = true;
        rulesBefore = savedRules();
        routeLocalnetBefore = HOST.run(List.of("sysctl", "-n", "net.ipv4.conf.all.route_localnet"), null);
        proxy = ProxyServer.start(cluster.client, iptables(), ProxyServer.Options.DEFAULT);
        Path manifest = Files.createTempFile("web", ".yaml");
        manifest.toFile().deleteOnExit();
        Files.writeString(manifest, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers: [{name: http, image: "jk8s/http:1.0", ports: [{name: http, containerPort: 80}]}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec:
                  type: NodePort
                  selector: {app: web}
                  ports: [{port: 8080, targetPort: http}]
                """);
        assertThat(jctl("apply", "-f", manifest.toString()).code()).isZero();
        Service web = cluster.client.resource(Kinds.SERVICE).get("default", "web");
        clusterIp = web.spec().clusterIP();
        nodePort = web.spec().ports().get(0).nodePort();
        await().atMost(Duration.ofSeconds(90)).until(() -> readyEndpoints().size() == 3);
    }

    @AfterAll
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        try {
            if (ownRules) {
                iptables().cleanup(); // a no-op after the cleanup test; removes everything if it failed first
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
    @Order(1)
    void requestsFromTheHostToTheClusterIpReachEveryReplicaInRoughlyEqualShares() throws Exception {
        Map<String, Long> answers = ServiceTraffic.fromHost(clusterIp, 8080, REQUESTS);

        assertThat(answers.keySet()).isEqualTo(podNames());
        // 100 expected each; 50 is 6 standard deviations away
        assertThat(answers.values()).allSatisfy(n -> assertThat(n).isGreaterThan(50));
        assertThat(proxy.problem()).isEmpty();
        assertThat(proxy.metrics().text()).contains("kubeproxy_sync_proxy_rules_total{result=\"success\"}")
                .containsPattern("kubeproxy_sync_proxy_rules_programmed\\{kind=\"nat\"} [1-9]");
    }

    @Test
    @Order(2)
    void requestsFromInsideAPodToTheClusterIpReachEveryReplicaInRoughlyEqualShares() {
        Map<String, Long> answers = ServiceTraffic.fromPod(cluster.client, clusterIp, 8080, REQUESTS);

        assertThat(answers.keySet()).isEqualTo(podNames());
        assertThat(answers.values()).allSatisfy(n -> assertThat(n).isGreaterThan(50));
    }

    @Test
    @Order(3)
    void theNodePortAnswersOnLoopback() throws Exception {
        assertThat(podNames()).contains(ServiceTraffic.get("127.0.0.1", nodePort));
    }

    @Test
    @Order(4)
    void withClientIpAffinityEveryRequestOfTheHostReachesTheSameReplica() throws Exception {
        Service sticky = cluster.client.resource(Kinds.SERVICE).create((Service) TestObjects.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: sticky, namespace: default}
                spec: {selector: {app: web}, sessionAffinity: ClientIP, ports: [{port: 8081, targetPort: http}]}
                """));
        try {
            String ip = sticky.spec().clusterIP();
            await().atMost(Duration.ofSeconds(30)).until(() -> !ServiceTraffic.fails(ip, 8081));

            Map<String, Long> answers = ServiceTraffic.fromHost(ip, 8081, 30);

            assertThat(answers).hasSize(1).containsValue(30L);
            assertThat(podNames()).containsAll(answers.keySet());
        } finally {
            cluster.client.resource(Kinds.SERVICE).delete("default", "sticky");
        }
    }

    @Test
    @Order(5)
    void anUnallocatedServiceIpIsRoutedNowhereAndRefused() throws Exception {
        String unallocated = "10.111.255.254";
        assertThat(unallocated).isNotEqualTo(clusterIp);

        assertThat(new ServiceRange("10.96.0.0/12", HOST).lookup(unallocated))
                .startsWith(unallocated + " dev " + ServiceRange.LINK + " ").doesNotContain(" via ");
        assertThat(ServiceTraffic.refused(unallocated, 80)).isTrue(); // refused at once by the reject rule, not timed out
    }

    @Test
    @Order(6)
    void scalingDownRemovesTheEndpointWithinOneSecondAndNoRequestFailsAfterThat() throws Exception {
        Jctl.Result scaled = jctl("scale", "deployment/web", "--replicas=2");
        assertThat(scaled.code()).as(scaled.err()).isZero();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> readyEndpoints().size() == 2);
        List<String> remaining = readyEndpoints();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> natEndpoints().equals(Set.copyOf(remaining)));
        Map<String, Long> answers = ServiceTraffic.fromHost(clusterIp, 8080, 100);
        assertThat(answers).doesNotContainKey(ServiceTraffic.FAILED).hasSize(2);
    }

    @Test
    @Order(7)
    void aRestartedProxyKeepsServingAndCleanupLeavesTheRulesetAsItWas() throws Exception {
        proxy.close();
        assertThat(ServiceTraffic.fromHost(clusterIp, 8080, 10)).doesNotContainKey(ServiceTraffic.FAILED); // the rules stay
        proxy = ProxyServer.start(cluster.client, iptables(), ProxyServer.Options.DEFAULT);
        assertThat(ServiceTraffic.fromHost(clusterIp, 8080, 10)).doesNotContainKey(ServiceTraffic.FAILED);
        proxy.close();
        proxy = null;

        int code = new CommandLine(new dev.jk8s.proxy.Main()).execute("--cleanup");

        assertThat(code).isZero();
        assertThat(savedRules()).isEqualTo(rulesBefore);
        assertThat(HOST.run(List.of("sysctl", "-n", "net.ipv4.conf.all.route_localnet"), null)).isEqualTo(routeLocalnetBefore);
        assertThat(ServiceTraffic.refused("127.0.0.1", nodePort)).isTrue();
        assertThat(new ServiceRange("10.96.0.0/12", HOST).lookup(clusterIp)).doesNotContain(ServiceRange.LINK);
    }

    private static IptablesProxier iptables() {
        return new IptablesProxier(HOST, new ServiceRange("10.96.0.0/12", HOST), List.of("127.0.0.0/8"));
    }

    private Jctl.Result jctl(String... args) {
        return Jctl.run("127.0.0.1:" + cluster.apiserver.port(), args);
    }

    private Set<String> podNames() {
        return cluster.client.resource(Kinds.POD).list("default").items().stream()
                .filter(p -> "web".equals(p.metadata().labels().get("app")) && p.metadata().deletionTimestamp() == null)
                .map(p -> p.metadata().name()).collect(Collectors.toSet());
    }

    private List<String> readyEndpoints() {
        Endpoints eps = cluster.client.resource(Kinds.ENDPOINTS).list("default").items().stream()
                .filter(e -> e.metadata().name().equals("web")).findFirst().orElse(null);
        if (eps == null) {
            return List.of();
        }
        return eps.subsets().stream().flatMap(s -> s.addresses().stream().flatMap(a -> s.ports().stream()
                .map(p -> a.ip() + ":" + p.port()))).sorted().toList();
    }

    /** The endpoints the nat table sends the Service to now. */
    private static Set<String> natEndpoints() throws Exception {
        return HOST.run(List.of("iptables-save", "-t", "nat"), null).lines()
                .filter(l -> l.contains("-j DNAT --to-destination") && l.startsWith("-A JK8S-SEP-"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).collect(Collectors.toSet());
    }

    /** {@code iptables-save} without counters and comment lines, so that two saves compare. */
    private static String savedRules() throws Exception {
        return HOST.run(List.of("iptables-save"), null).lines()
                .filter(l -> !l.startsWith("#"))
                .map(l -> l.replaceAll(" \\[\\d+:\\d+\\]$", ""))
                .collect(Collectors.joining("\n"));
    }
}
