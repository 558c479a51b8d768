package dev.jk8s.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.Reason;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.Event;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.NamespaceSpec;
import dev.jk8s.api.core.NamespaceStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.api.rbac.ClusterRole;
import dev.jk8s.api.rbac.ClusterRoleBinding;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.api.rbac.Subject;
import dev.jk8s.apiserver.registry.allocation.ServiceAllocations;
import dev.jk8s.apiserver.storage.InMemoryStore;
import dev.jk8s.testkit.TestObjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generic write path's semantics, on an in-memory store with etcd's revision rules. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RegistryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final InMemoryStore store = new InMemoryStore();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final java.util.concurrent.ExecutorService sender = Executors.newSingleThreadExecutor();
    private Registry registry;

    @BeforeEach
    void setUp() {
        registry = new Registry(store, Clock.fixed(NOW, ZoneOffset.UTC), 1000, sender,
                scheduler, new Registry.WatchMetrics() {
                    @Override
                    public IntConsumer etcdWatches(String resource) {
                        return d -> { };
                    }

                    @Override
                    public IntConsumer clientWatches(String resource) {
                        return d -> { };
                    }
                }, new ServiceAllocations(store, "10.96.0.0/29", "30000-30002"));
        registry.start(0);
    }

    @AfterEach
    void tearDown() {
        registry.close();
        scheduler.shutdownNow();
        sender.shutdownNow();
    }

    @Test
    void generationCountsSpecChangesOnly() {
        KindStore<Deployment> deployments = registry.store(Kinds.DEPLOYMENT);
        Deployment d = deployments.create("default", TestObjects.of(Kinds.DEPLOYMENT, "web"), false);
        assertThat(d.metadata().generation()).isEqualTo(1);
        d = deployments.update("default", d.withMetadata(d.metadata().withLabels(Map.of("a", "b"))), false);
        assertThat(d.metadata().generation()).isEqualTo(1);
        d = deployments.update("default", d.withSpec(d.spec().withReplicas(5)), false);
        assertThat(d.metadata().generation()).isEqualTo(2);
    }

    @Test
    void updateKeepsStatusAndStatusUpdateKeepsSpec() {
        KindStore<Pod> pods = registry.store(Kinds.POD);
        Pod p = pods.create("default", TestObjects.of(Kinds.POD, "p"), false);
        assertThat(p.status().phase()).isEqualTo(PodStatus.PENDING);
        Pod running = pods.updateStatus("default", p.withStatus(p.status().withPhase("Running"))
                .withSpec(p.spec().withNodeName("sneaky")), false);
        assertThat(running.status().phase()).isEqualTo("Running");
        assertThat(running.spec().nodeName()).isNull();
        Pod relabelled = pods.update("default", running.withStatus(running.status().withPhase("Failed"))
                .withMetadata(running.metadata().withLabels(Map.of("x", "y"))), false);
        assertThat(relabelled.status().phase()).isEqualTo("Running");
        assertThat(relabelled.metadata().labels()).containsEntry("x", "y");
    }

    @Test
    void anUpdateThatChangesNothingWritesNothing() {
        KindStore<ConfigMap> cms = registry.store(Kinds.CONFIG_MAP);
        ConfigMap cm = cms.create("default", TestObjects.of(Kinds.CONFIG_MAP, "same"), false);
        ConfigMap again = cms.update("default", cm, false);
        assertThat(again.metadata().resourceVersion()).isEqualTo(cm.metadata().resourceVersion());
    }

    @Test
    void aStaleResourceVersionIsAConflictAndAnAbsentOneIsRetriedServerSide() {
        KindStore<ConfigMap> cms = registry.store(Kinds.CONFIG_MAP);
        ConfigMap cm = cms.create("default", TestObjects.of(Kinds.CONFIG_MAP, "cas"), false);
        cms.update("default", cm.withData(Map.of("v", "1")), false);
        assertThatThrownBy(() -> cms.update("default", cm.withData(Map.of("v", "2")), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT))
                .hasMessage("Operation cannot be fulfilled on configmaps \"cas\": the object has been modified; "
                        + "please apply your changes to the latest version and try again");
        ConfigMap blind = cm.withMetadata(cm.metadata().withResourceVersion(null)).withData(Map.of("v", "3"));
        assertThat(cms.update("default", blind, false).data()).containsEntry("v", "3");
    }

    @Test
    void finalizersHoldDeletionUntilTheLastOneIsRemoved() {
        KindStore<ConfigMap> cms = registry.store(Kinds.CONFIG_MAP);
        ConfigMap cm = TestObjects.of(Kinds.CONFIG_MAP, "held");
        cm = cms.create("default", cm.withMetadata(cm.metadata().withFinalizers(List.of("example.com/hold"))), false);
        ConfigMap terminating = cms.delete("default", "held", DeleteOptions.DEFAULT);
        assertThat(terminating.metadata().deletionTimestamp()).isEqualTo(NOW);
        assertThat(cms.get("default", "held").metadata().isTerminating()).isTrue();
        cms.update("default", terminating.withMetadata(terminating.metadata().withFinalizers(List.of())), false);
        assertThatThrownBy(() -> cms.get("default", "held")).matches(ApiException::isNotFound);
    }

    @Test
    void foregroundAndOrphanPropagationAreRecordedAsFinalizers() {
        KindStore<ConfigMap> cms = registry.store(Kinds.CONFIG_MAP);
        cms.create("default", TestObjects.of(Kinds.CONFIG_MAP, "fg"), false);
        ConfigMap fg = cms.delete("default", "fg", DeleteOptions.DEFAULT.withPropagation(DeleteOptions.FOREGROUND));
        assertThat(fg.metadata().finalizers()).containsExactly("foregroundDeletion");
        cms.create("default", TestObjects.of(Kinds.CONFIG_MAP, "orphan"), false);
        ConfigMap orphan = cms.delete("default", "orphan", DeleteOptions.DEFAULT.withPropagation(DeleteOptions.ORPHAN));
        assertThat(orphan.metadata().finalizers()).containsExactly("orphan");
    }

    @Test
    void aPodOnANodeTerminatesGracefullyAndOneNeverScheduledGoesAtOnce() {
        KindStore<Pod> pods = registry.store(Kinds.POD);
        Pod bound = TestObjects.of(Kinds.POD, "bound");
        pods.create("default", bound.withSpec(bound.spec().withNodeName("node-1")), false);
        Pod terminating = pods.delete("default", "bound", DeleteOptions.DEFAULT);
        assertThat(terminating.metadata().deletionTimestamp()).isEqualTo(NOW.plusSeconds(30));
        assertThat(terminating.metadata().deletionGracePeriodSeconds()).isEqualTo(30);
        pods.delete("default", "bound", DeleteOptions.DEFAULT.withGracePeriod(0L));
        assertThatThrownBy(() -> pods.get("default", "bound")).matches(ApiException::isNotFound);

        pods.create("default", TestObjects.of(Kinds.POD, "pending"), false);
        pods.delete("default", "pending", DeleteOptions.DEFAULT);
        assertThatThrownBy(() -> pods.get("default", "pending")).matches(ApiException::isNotFound);
    }

    @Test
    void aPodWithAFinalizerIsRemovedWhenItsAgentConfirmsAndTheFinalizerGoes() {
        KindStore<Pod> pods = registry.store(Kinds.POD);
        Pod pod = TestObjects.of(Kinds.POD, "fin");
        pod = pod.withSpec(pod.spec().withNodeName("node-1"));
        pods.create("default", pod.withMetadata(pod.metadata().withFinalizers(List.of("example.com/x"))), false);
        pods.delete("default", "fin", DeleteOptions.DEFAULT);
        Pod confirmed = pods.delete("default", "fin", DeleteOptions.DEFAULT.withGracePeriod(0L));
        assertThat(confirmed.metadata().deletionGracePeriodSeconds()).isZero();
        pods.update("default", confirmed.withMetadata(confirmed.metadata().withFinalizers(List.of())), false);
        assertThatThrownBy(() -> pods.get("default", "fin")).matches(ApiException::isNotFound);
    }

    @Test
    void aTerminatingNamespaceRefusesNewContent() {
        KindStore<Namespace> namespaces = registry.store(Kinds.NAMESPACE);
        namespaces.create(null, TestObjects.of(Kinds.NAMESPACE, "doomed"), false);
        Namespace ns = namespaces.delete(null, "doomed", DeleteOptions.DEFAULT);
        assertThat(ns.status().phase()).isEqualTo("Terminating");
        assertThatThrownBy(() -> registry.store(Kinds.CONFIG_MAP)
                .create("doomed", TestObjects.of(Kinds.CONFIG_MAP, "doomed", "late"), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN))
                .hasMessage("configmaps \"late\" is forbidden: unable to create new content in namespace doomed "
                        + "because it is being terminated");
    }

    @Test
    void aTerminatingNamespaceKeepsItsConditionsAndGoesWhenItsSpecFinalizersAreEmptied() {
        KindStore<Namespace> namespaces = registry.store(Kinds.NAMESPACE);
        namespaces.create(null, TestObjects.of(Kinds.NAMESPACE, "doomed"), false);
        Namespace ns = namespaces.delete(null, "doomed", DeleteOptions.DEFAULT);
        assertThat(ns.spec().finalizers()).containsExactly("kubernetes");
        Condition remaining = Condition.of("NamespaceContentRemaining", Condition.FALSE, "ContentRemoved",
                "All content successfully removed", NOW);
        ns = namespaces.updateStatus(null, ns.withStatus(ns.status().withConditions(List.of(remaining))), false);
        assertThat(namespaces.get(null, "doomed").status()).isEqualTo(new NamespaceStatus("Terminating", List.of(remaining)));

        Namespace stale = ns;
        namespaces.update(null, ns.withSpec(new NamespaceSpec(List.of())), false);
        assertThatThrownBy(() -> namespaces.get(null, "doomed")).matches(ApiException::isNotFound);
        assertThatThrownBy(() -> namespaces.update(null, stale.withSpec(new NamespaceSpec(List.of())), false))
                .matches(ApiException::isNotFound);
    }

    @Test
    void aDeleteWhosePreconditionsFailIsAConflictAndDeletesNothing() {
        KindStore<ConfigMap> cms = registry.store(Kinds.CONFIG_MAP);
        ConfigMap cm = cms.create("default", TestObjects.of(Kinds.CONFIG_MAP, "kept"), false);
        assertThatThrownBy(() -> cms.delete("default", "kept", DeleteOptions.DEFAULT.withPreconditions("other-uid", 0)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT))
                .hasMessageContaining("Precondition failed: UID in precondition: other-uid");
        assertThatThrownBy(() -> cms.delete("default", "kept",
                DeleteOptions.DEFAULT.withPreconditions(null, cm.metadata().revision() - 1)))
                .matches(ApiException::isConflict);
        assertThat(cms.get("default", "kept").metadata().uid()).isEqualTo(cm.metadata().uid());
    }

    @Test
    void dryRunValidatesButStoresNothing() {
        KindStore<ConfigMap> cms = registry.store(Kinds.CONFIG_MAP);
        cms.create("default", TestObjects.of(Kinds.CONFIG_MAP, "dry"), true);
        assertThatThrownBy(() -> cms.get("default", "dry")).matches(ApiException::isNotFound);
    }

    @Test
    void eventsAreBoundedPerObjectAndExpireAfterTheirObjectIsGone() {
        KindStore<Pod> pods = registry.store(Kinds.POD);
        Pod live = pods.create("default", TestObjects.of(Kinds.POD, "live"), false);
        KindStore<Event> events = registry.store(Kinds.EVENT);
        for (int i = 0; i < 60; i++) {
            events.create("default", event("live." + i, ObjectReference.of(live), NOW.minusSeconds(7200 - i)), false);
        }
        ObjectReference gone = new ObjectReference("Pod", "default", "gone", "uid-gone", "v1", null, null);
        events.create("default", event("gone.old", gone, NOW.minus(Duration.ofHours(2))), false);
        events.create("default", event("gone.recent", gone, NOW.minus(Duration.ofMinutes(5))), false);
        ObjectReference goneLongAgo = new ObjectReference("Pod", "default", "ancient", "uid-ancient", "v1", null, null);
        events.create("default", event("ancient.1", goneLongAgo, NOW.minus(Duration.ofHours(3))), false);

        int deleted = new EventJanitor(registry, Clock.fixed(NOW, ZoneOffset.UTC), 50, Duration.ofHours(1)).sweep();

        assertThat(deleted).isEqualTo(11);
        List<String> left = events.list("default", dev.jk8s.api.Selector.EVERYTHING,
                dev.jk8s.api.FieldSelector.EVERYTHING, 1000, null).items().stream().map(e -> e.metadata().name()).toList();
        assertThat(left).hasSize(52).contains("live.59", "live.10", "gone.old", "gone.recent")
                .doesNotContain("live.9", "live.0", "ancient.1");
    }

    private static Event event(String name, ObjectReference about, Instant last) {
        return new Event(ObjectMeta.named("default", name), about, Event.NORMAL, "Testing", name, "test", last);
    }

    static dev.jk8s.api.core.Service service(String name, String spec) {
        return (dev.jk8s.api.core.Service) TestObjects.parse("apiVersion: v1\nkind: Service\nmetadata: {name: " + name
                + ", namespace: default}\nspec: " + spec + "\n");
    }

    @Test
    void aServiceGetsAClusterIpThatItsDeletionFreesForTheNext() {
        KindStore<dev.jk8s.api.core.Service> services = registry.store(Kinds.SERVICE);
        var first = services.create("default", service("web", "{clusterIP: 10.96.0.4, ports: [{port: 80}]}"), false);
        assertThat(first.spec().clusterIP()).isEqualTo("10.96.0.4");

        assertThatThrownBy(() -> services.create("default", service("api", "{clusterIP: 10.96.0.4, ports: [{port: 80}]}"), false))
                .hasMessage("services \"api\" is invalid: spec.clusterIPs[0]: Invalid value: \"10.96.0.4\": failed to allocate IP "
                        + "10.96.0.4: provided IP is already allocated");

        services.delete("default", "web", DeleteOptions.DEFAULT);
        assertThat(services.create("default", service("api", "{clusterIP: 10.96.0.4, ports: [{port: 80}]}"), false)
                .spec().clusterIP()).isEqualTo("10.96.0.4");
        assertThat(services.create("default", service("dry", "{ports: [{port: 80}]}"), true).spec().clusterIP())
                .as("a dry run takes nothing").isNullOrEmpty();
    }

    @Test
    void aBindingsSubjectsMayChangeButItsRoleRefMayNot() {
        KindStore<RoleBinding> bindings = registry.store(Kinds.ROLE_BINDING);
        RoleBinding b = bindings.create("default", TestObjects.of(Kinds.ROLE_BINDING, "readers"), false);
        RoleBinding more = bindings.update("default", b.withSubjects(List.of(Subject.user("jane"), Subject.group("devs"))),
                false);
        assertThat(more.subjects()).hasSize(2);

        assertThatThrownBy(() -> bindings.update("default", more.withRoleRef(RoleRef.clusterRole("admin")), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessage("rolebindings \"readers\" is invalid: roleRef: Invalid value: \"ClusterRole/admin\": cannot"
                        + " change roleRef (was Role/readers); delete the binding and create it again to bind another role");
        assertThat(bindings.get("default", "readers").roleRef()).isEqualTo(RoleRef.role("readers"));
    }

    @Test
    void clusterRbacObjectsAreClusterScopedAndMayHaveColonsInTheirNames() {
        KindStore<ClusterRole> roles = registry.store(Kinds.CLUSTER_ROLE);
        ClusterRole node = roles.create(null, TestObjects.of(Kinds.CLUSTER_ROLE, "system:node"), false);
        assertThat(node.metadata().namespace()).isNull();
        assertThat(roles.get(null, "system:node").rules()).isEqualTo(node.rules());

        KindStore<ClusterRoleBinding> bindings = registry.store(Kinds.CLUSTER_ROLE_BINDING);
        ClusterRoleBinding b = bindings.create(null, TestObjects.of(Kinds.CLUSTER_ROLE_BINDING, "system:node"), false);
        assertThat(b.subjects()).containsExactly(Subject.serviceAccount("default", "default"));
        assertThatThrownBy(() -> bindings.update(null, b.withRoleRef(RoleRef.clusterRole("view")), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    }
}
