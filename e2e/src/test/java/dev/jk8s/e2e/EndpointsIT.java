package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.EndpointAddress;
import dev.jk8s.api.core.EndpointPort;
import dev.jk8s.api.core.EndpointSubset;
import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.api.core.Service;
import dev.jk8s.client.ApiClient;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The endpoints controller with a real apiserver and etcd, the scheduler, hollow nodes (whose
 * pods get IPs from 127.244.0.0/16 and become Ready) and the ReplicaSet controller.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EndpointsIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    ControlPlane cluster;
    ApiClient client;

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(2, "replicaset", "endpoints");
        client = cluster.client;
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void createService() {
        client.resource(Kinds.SERVICE).create((Service) TestObjects.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default, labels: {tier: front}}
                spec:
                  selector: {app: web}
                  ports: [{name: web, port: 80, targetPort: http}]
                """));
    }

    private Optional<Endpoints> endpoints() {
        try {
            return Optional.of(client.resource(Kinds.ENDPOINTS).get("default", "web"));
        } catch (ApiException e) {
            if (ApiException.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The pods of the namespace that are not being deleted and have an IP. */
    private List<Pod> runningPods() {
        return client.resource(Kinds.POD).list("default").items().stream()
                .filter(p -> !p.metadata().isTerminating() && p.status().podIP() != null).toList();
    }

    /** Whether the Endpoints list exactly these pods as ready, on the named port's number. */
    private boolean listsReady(List<Pod> pods) {
        Optional<Endpoints> ep = endpoints();
        if (ep.isEmpty() || ep.get().subsets().size() != 1) {
            return false;
        }
        EndpointSubset subset = ep.get().subsets().get(0);
        List<String> ips = pods.stream().map(p -> p.status().podIP()).sorted().toList();
        return subset.notReadyAddresses().isEmpty()
                && subset.addresses().stream().map(EndpointAddress::ip).toList().equals(ips)
                && subset.ports().equals(List.of(new EndpointPort("web", 8080, "TCP", null)));
    }

    @Test
    void followsTheReadyPodsOfAReplicaSetAsItScales() {
        client.resource(Kinds.REPLICA_SET).create((ReplicaSet) TestObjects.parse("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: app
                        image: "jk8s/http:1.0"
                        ports: [{name: http, containerPort: 8080}]
                        resources: {requests: {cpu: 10m}}
                """));
        createService();

        await().atMost(WAIT).until(() -> runningPods().size() == 3 && listsReady(runningPods()));
        Endpoints ep = endpoints().orElseThrow();
        assertThat(ep.metadata().labels()).isEqualTo(Map.of("tier", "front")); // not headless
        assertThat(ep.subsets().get(0).addresses()).allSatisfy(a -> {
            assertThat(a.ip()).startsWith("127.244.");
            assertThat(a.nodeName()).startsWith("node-");
            assertThat(a.targetRef().kind()).isEqualTo("Pod");
            assertThat(a.targetRef().name()).startsWith("web-");
            assertThat(a.targetRef().uid()).isNotEmpty();
        });

        client.resource(Kinds.REPLICA_SET).guaranteedUpdate("default", "web", rs -> rs.withSpec(rs.spec().withReplicas(1)));

        await().atMost(WAIT).until(() -> runningPods().size() == 1 && listsReady(runningPods()));
    }

    @Test
    void aNotReadyPodIsListedAsNotReadyAndTheEndpointsGoWithTheirService() {
        createService();
        await().atMost(WAIT).until(() -> endpoints().map(e -> e.subsets().isEmpty()).orElse(false));

        // Bound to a node that does not exist: no kubelet runs it, and the status is ours to write.
        Pod pod = client.resource(Kinds.POD).create((Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: warming-up, namespace: default, labels: {app: web}}
                spec:
                  nodeName: ghost
                  containers: [{name: app, image: "jk8s/http:1.0", ports: [{name: http, containerPort: 9090}]}]
                """));
        Instant now = Instant.now();
        client.resource(Kinds.POD).updateStatus(pod.withStatus(new PodStatus(PodStatus.RUNNING,
                List.of(Condition.of("Ready", Condition.FALSE, "ContainersNotReady", null, now)), null, null,
                "127.0.0.1", "127.245.0.9", null, now, null, null, null)));

        await().atMost(WAIT).until(() -> endpoints().map(e -> e.subsets().equals(List.of(new EndpointSubset(List.of(),
                List.of(new EndpointAddress("127.245.0.9", null, "ghost", new ObjectReference("Pod", "default",
                        "warming-up", pod.metadata().uid(), null, null, null))),
                List.of(new EndpointPort("web", 9090, "TCP", null)))))).orElse(false));

        client.resource(Kinds.SERVICE).delete("default", "web");

        await().atMost(WAIT).until(() -> endpoints().isEmpty());
    }
}
