package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Condition;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.controllermanager.ControllerManager;
import dev.jk8s.kubelet.hollow.HollowNodes;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.scheduler.Scheduler;
import dev.jk8s.scheduler.plugins.DefaultProfile;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.TestObjects;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The namespace controller with a real apiserver and etcd, the scheduler, the ReplicaSet
 * controller and hollow nodes: a deleted namespace is emptied and goes, and an object's finalizer
 * holds it, named in its conditions, until the finalizer is removed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NamespaceIT {

    static final String NS = "doomed";

    EtcdServer etcd;
    ApiServer apiserver;
    ApiClient client;
    Scheduler scheduler;
    HollowNodes nodes;
    ControllerManager controllers;

    @BeforeEach
    void start() throws Exception {
        etcd = new EtcdServer().start();
        apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
        client = ApiClient.connect("127.0.0.1:" + apiserver.port());
        NodeConfig template = NodeConfig.defaults("template").withResources(Quantity.parse("4"), Quantity.parse("8Gi"), 110);
        nodes = HollowNodes.start(client, 3, "ns-node-", template, Files.createTempDirectory("hollow"), 2);
        scheduler = new Scheduler(client, "default-scheduler", DefaultProfile.PROFILE, Clock.systemUTC(), 4);
        assertThat(scheduler.awaitSynced(Duration.ofSeconds(30))).isTrue();
        scheduler.start();
        controllers = new ControllerManager(client, List.of("replicaset", "namespace"), 2, Clock.systemUTC());
        assertThat(controllers.awaitSynced(Duration.ofSeconds(30))).isTrue();
        controllers.start();
        client.resource(Kinds.NAMESPACE).create(TestObjects.of(Kinds.NAMESPACE, NS));
    }

    @AfterEach
    void stop() throws Exception {
        // closed in reverse order, each even if one closed after it failed; what never started is null
        AutoCloseable sched = scheduler == null ? null : scheduler::close;
        try (EtcdServer e = etcd; ApiServer a = apiserver; ApiClient c = client; HollowNodes n = nodes;
             AutoCloseable s = sched; ControllerManager cm = controllers) {
            // nothing else to release
        }
    }

    private <T extends ApiObject> void create(Kind<T> kind, String name) {
        client.resource(kind).create(TestObjects.of(kind, NS, name));
    }

    private Pod pod(String name) {
        return (Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: %s, labels: {app: solo}}
                spec: {containers: [{name: app, image: "jk8s/http:1.0", resources: {requests: {cpu: 10m}}}]}
                """.formatted(name, NS));
    }

    private List<Pod> pods() {
        return client.resource(Kinds.POD).list(NS).items();
    }

    private Optional<Namespace> namespace() {
        try {
            return Optional.of(client.resource(Kinds.NAMESPACE).get(null, NS));
        } catch (ApiException e) {
            if (ApiException.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** How many objects of every namespaced kind but events the namespace holds (events come and go by themselves). */
    private int content() {
        return Kinds.ALL.stream().filter(k -> k.namespaced() && k != Kinds.EVENT)
                .mapToInt(k -> client.resource(k).list(NS).items().size()).sum();
    }

    @Test
    void aDeletedNamespaceIsEmptiedAndGoes() {
        for (int i = 0; i < 15; i++) {
            create(Kinds.CONFIG_MAP, "config-" + i);
        }
        for (int i = 0; i < 10; i++) {
            create(Kinds.SECRET, "secret-" + i);
        }
        for (int i = 0; i < 5; i++) {
            create(Kinds.SERVICE, "svc-" + i);
        }
        for (int i = 0; i < 15; i++) {
            client.resource(Kinds.POD).create(pod("solo-" + i));
        }
        client.resource(Kinds.REPLICA_SET).create((ReplicaSet) TestObjects.parse("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web, namespace: %s}
                spec:
                  replicas: 4
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: "jk8s/http:1.0", resources: {requests: {cpu: 10m}}}]}
                """.formatted(NS)));
        // 15 + 10 + 5 + 15 + 1 + 4: every pod running on a node, so that its deletion waits for its kubelet
        await().atMost(Duration.ofSeconds(60)).until(() -> pods().size() == 19
                && pods().stream().allMatch(p -> PodStatus.RUNNING.equals(p.status().phase())));
        assertThat(content()).isEqualTo(50);
        assertThat(pods()).allSatisfy(p -> assertThat(p.spec().nodeName()).startsWith("ns-node-"));

        client.resource(Kinds.NAMESPACE).delete(null, NS);

        await().atMost(Duration.ofSeconds(60)).until(() -> namespace().isEmpty());
        assertThat(content()).isZero();
        assertThat(client.resource(Kinds.EVENT).list(NS).items()).isEmpty();
    }

    @Test
    void anObjectsFinalizerHoldsTheNamespaceAndIsNamedUntilItIsRemoved() {
        ConfigMap held = TestObjects.of(Kinds.CONFIG_MAP, NS, "held");
        client.resource(Kinds.CONFIG_MAP).create(held.withMetadata(held.metadata().withFinalizers(List.of("example.com/hold"))));
        create(Kinds.CONFIG_MAP, "plain");
        client.resource(Kinds.POD).create(pod("solo"));
        await().atMost(Duration.ofSeconds(30)).until(() -> PodStatus.RUNNING.equals(pods().get(0).status().phase()));

        client.resource(Kinds.NAMESPACE).delete(null, NS);

        await().atMost(Duration.ofSeconds(30)).until(() -> content() == 1 && namespace().flatMap(ns -> Condition.find(
                ns.status().conditions(), "NamespaceContentRemaining")).map(Condition::message).orElse("")
                .equals("Some resources are remaining: configmaps has 1 resource instances"));
        Namespace ns = namespace().orElseThrow();
        assertThat(ns.status().phase()).isEqualTo("Terminating");
        assertThat(ns.spec().finalizers()).containsExactly("kubernetes");
        Condition finalizers = Condition.find(ns.status().conditions(), "NamespaceFinalizersRemaining").orElseThrow();
        assertThat(finalizers.status()).isEqualTo("True");
        assertThat(finalizers.reason()).isEqualTo("SomeFinalizersRemain");
        assertThat(finalizers.message())
                .isEqualTo("Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances");
        assertThat(client.resource(Kinds.CONFIG_MAP).get(NS, "held").metadata().isTerminating()).isTrue();

        client.resource(Kinds.CONFIG_MAP).guaranteedUpdate(NS, "held",
                cm -> cm.withMetadata(cm.metadata().withFinalizers(List.of())));

        await().atMost(Duration.ofSeconds(30)).until(() -> namespace().isEmpty());
        assertThat(content()).isZero();
    }
}
