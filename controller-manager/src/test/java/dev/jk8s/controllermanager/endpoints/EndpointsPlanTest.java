package dev.jk8s.controllermanager.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Condition;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.core.EndpointAddress;
import dev.jk8s.api.core.EndpointPort;
import dev.jk8s.api.core.EndpointSubset;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.api.core.Service;
import dev.jk8s.testkit.TestObjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointsPlanTest {

    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    /** A Service selecting app=web with one port: 80 → targetPort (a number, a name, or none when null). */
    static Service service(String targetPort, String extraSpec) {
        return (Service) TestObjects.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default, labels: {tier: front}}
                spec:
                  clusterIP: 10.96.0.10
                  selector: {app: web}
                  ports: [{name: http, port: 80, protocol: TCP%s}]
                  %s
                """.formatted(targetPort == null ? "" : ", targetPort: " + targetPort, extraSpec));
    }

    static Service service(String targetPort) {
        return service(targetPort, "");
    }

    /** A running pod labelled app=web on node-1 with container port "http" = {@code httpPort} (none when 0). */
    static Pod pod(String name, String ip, boolean ready, int httpPort) {
        Pod p = (Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: default, uid: uid-%s, labels: {app: web}}
                spec:
                  nodeName: node-1
                  containers: [{name: app, image: "jk8s/http:1.0"%s}]
                """.formatted(name, name, httpPort == 0 ? "" : ", ports: [{name: http, containerPort: " + httpPort + "}]"));
        PodStatus status = p.status().withPhase(PodStatus.RUNNING)
                .withConditions(List.of(Condition.of("Ready", ready ? "True" : "False", null, null, T0)));
        return p.withStatus(new PodStatus(status.phase(), status.conditions(), null, null, "127.0.0.1", ip, null, T0,
                null, null, null));
    }

    static EndpointAddress address(String name, String ip) {
        return new EndpointAddress(ip, null, "node-1", new ObjectReference("Pod", "default", name, "uid-" + name, null, null, null));
    }

    static EndpointPort http(int port) {
        return new EndpointPort("http", port, "TCP", null);
    }

    static Pod terminating(Pod p) {
        return p.withMetadata(p.metadata().toBuilder().deletionTimestamp(T0).build());
    }

    static Pod withPhase(Pod p, String phase) {
        return p.withStatus(p.status().withPhase(phase));
    }

    static Stream<Arguments> table() {
        Pod a = pod("a", "10.0.0.1", true, 8080);
        Pod b = pod("b", "10.0.0.2", false, 8080);
        return Stream.of(
                Arguments.of("ready and not-ready pods", service("8080"), List.of(a, b),
                        List.of(new EndpointSubset(List.of(address("a", "10.0.0.1")), List.of(address("b", "10.0.0.2")),
                                List.of(http(8080))))),
                Arguments.of("absent targetPort is the service port", service(null), List.of(a),
                        List.of(new EndpointSubset(List.of(address("a", "10.0.0.1")), List.of(), List.of(http(80))))),
                Arguments.of("a named target port resolved per pod; pods on other ports get their own subset",
                        service("http"), List.of(a, pod("c", "10.0.0.3", true, 9090)),
                        List.of(new EndpointSubset(List.of(address("a", "10.0.0.1")), List.of(), List.of(http(8080))),
                                new EndpointSubset(List.of(address("c", "10.0.0.3")), List.of(), List.of(http(9090))))),
                Arguments.of("a pod without the named port is left out", service("http"),
                        List.of(a, pod("d", "10.0.0.4", true, 0)),
                        List.of(new EndpointSubset(List.of(address("a", "10.0.0.1")), List.of(), List.of(http(8080))))),
                Arguments.of("pods without an IP are left out", service("8080"), List.of(a, pod("e", null, false, 8080),
                                pod("f", "", true, 8080)),
                        List.of(new EndpointSubset(List.of(address("a", "10.0.0.1")), List.of(), List.of(http(8080))))),
                Arguments.of("terminating and finished pods are left out", service("8080"),
                        List.of(a, terminating(pod("g", "10.0.0.7", true, 8080)), withPhase(pod("h", "10.0.0.8", false, 8080),
                                PodStatus.SUCCEEDED), withPhase(pod("i", "10.0.0.9", false, 8080), PodStatus.FAILED)),
                        List.of(new EndpointSubset(List.of(address("a", "10.0.0.1")), List.of(), List.of(http(8080))))),
                Arguments.of("publishNotReadyAddresses: every pod ready, terminating ones too", service("8080",
                                "publishNotReadyAddresses: true"), List.of(a, b, terminating(pod("g", "10.0.0.7", false, 8080))),
                        List.of(new EndpointSubset(List.of(address("a", "10.0.0.1"), address("b", "10.0.0.2"),
                                address("g", "10.0.0.7")), List.of(), List.of(http(8080))))),
                Arguments.of("pods the selector does not match are left out", service("8080"),
                        List.of(a, a.withMetadata(a.metadata().toBuilder().name("other").uid("uid-other")
                                .labels(Map.of("app", "db")).build())),
                        List.of(new EndpointSubset(List.of(address("a", "10.0.0.1")), List.of(), List.of(http(8080))))),
                Arguments.of("no pods: no subsets", service("8080"), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void computesTheSubsets(String name, Service svc, List<Pod> pods, List<EndpointSubset> expected) {
        assertThat(EndpointsPlan.of(svc, pods)).isEqualTo(expected);
    }

    @Test
    void podsWithTheSameResolvedPortsShareOneSubsetAndPortsGoWhereTheyResolve() {
        Service svc = (Service) TestObjects.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec:
                  selector: {app: web}
                  ports:
                  - {name: metrics, port: 9100, targetPort: 9100}
                  - {name: http, port: 80, targetPort: http}
                """);
        Pod a = pod("a", "10.0.0.1", true, 8080);
        Pod b = pod("b", "10.0.0.2", true, 8080);
        Pod noName = pod("c", "10.0.0.3", false, 0);

        List<EndpointSubset> subsets = EndpointsPlan.of(svc, List.of(b, noName, a));

        assertThat(subsets).containsExactly(
                new EndpointSubset(List.of(address("a", "10.0.0.1"), address("b", "10.0.0.2")), List.of(),
                        List.of(http(8080), new EndpointPort("metrics", 9100, "TCP", null))),
                new EndpointSubset(List.of(), List.of(address("c", "10.0.0.3")),
                        List.of(new EndpointPort("metrics", 9100, "TCP", null))));
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfThePods() {
        Service svc = service("http");
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pods.add(pod("p" + i, "10.0.%d.%d".formatted(i % 3, 20 - i), i % 4 != 0, 8000 + i % 2));
        }
        List<EndpointSubset> first = EndpointsPlan.of(svc, pods);
        Collections.shuffle(pods, new Random(7));
        assertThat(EndpointsPlan.of(svc, pods)).isEqualTo(first);
        Collections.reverse(pods);
        assertThat(EndpointsPlan.of(svc, pods)).isEqualTo(first);

        assertThat(first).hasSize(2);
        assertThat(first.get(0).ports()).containsExactly(http(8000));
        assertThat(first.get(0).addresses()).extracting(EndpointAddress::ip).isSorted();
        assertThat(first.get(0).notReadyAddresses()).extracting(EndpointAddress::ip).isSorted();
    }

    @Test
    void aNamedPortMatchesOnlyAContainerPortOfTheSameProtocol() {
        Service udp = (Service) TestObjects.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: dns, namespace: default}
                spec:
                  selector: {app: web}
                  ports: [{name: dns, port: 53, protocol: UDP, targetPort: http}]
                """);
        assertThat(EndpointsPlan.of(udp, List.of(pod("a", "10.0.0.1", true, 8080)))).isEmpty();
    }

    @Test
    void aHostnameIsPublishedOnlyForPodsWhoseSubdomainIsTheService() {
        Pod a = pod("a", "10.0.0.1", true, 8080);
        Pod named = a.withSpec(a.spec().toBuilder().hostname("web-0").subdomain("web").build());
        Pod elsewhere = a.withSpec(a.spec().toBuilder().hostname("web-0").subdomain("db").build());

        assertThat(EndpointsPlan.of(service("8080"), List.of(named)).get(0).addresses().get(0).hostname()).isEqualTo("web-0");
        assertThat(EndpointsPlan.of(service("8080"), List.of(elsewhere)).get(0).addresses().get(0).hostname()).isNull();
    }

    @Test
    void aServiceWithoutSelectorSelectsNothing() {
        Service svc = service("8080").withSpec(service("8080").spec().toBuilder().selector(Map.of()).build());
        assertThat(EndpointsPlan.selects(svc, pod("a", "10.0.0.1", true, 8080))).isFalse();
        assertThat(EndpointsPlan.of(svc, List.of(pod("a", "10.0.0.1", true, 8080)))).isEmpty();
    }

    @Test
    void labelsAreTheServicesPlusTheHeadlessMarkForAHeadlessService() {
        assertThat(EndpointsPlan.labels(service("8080"))).isEqualTo(Map.of("tier", "front"));
        Service unallocated = service("8080").withSpec(service("8080").spec().toBuilder().clusterIP(null).build());
        assertThat(EndpointsPlan.labels(unallocated)).isEqualTo(Map.of("tier", "front"));
        Service headless = service("8080").withSpec(service("8080").spec().toBuilder().clusterIP("None").build());
        assertThat(EndpointsPlan.labels(headless)).isEqualTo(Map.of("tier", "front", EndpointsPlan.HEADLESS_LABEL, ""));
    }

    @Test
    void onlyChangesThePlanReadsMayChangeEndpoints() {
        Pod a = pod("a", "10.0.0.1", true, 8080);
        Pod restarted = a.withStatus(a.status().withConditions(List.of(
                Condition.of("Ready", "True", null, null, T0), Condition.of("Initialized", "True", null, null, T0))));
        assertThat(EndpointsPlan.mayChangeEndpoints(a, restarted)).isFalse();
        assertThat(EndpointsPlan.mayChangeEndpoints(a, pod("a", "10.0.0.1", false, 8080))).isTrue();
        assertThat(EndpointsPlan.mayChangeEndpoints(a, pod("a", "10.0.0.2", true, 8080))).isTrue();
        assertThat(EndpointsPlan.mayChangeEndpoints(a, terminating(a))).isTrue();
        assertThat(EndpointsPlan.mayChangeEndpoints(a, a.withMetadata(a.metadata().toBuilder().labels(Map.of()).build()))).isTrue();
    }
}
