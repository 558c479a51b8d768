package dev.jk8s.controllermanager.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Condition;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.NamespaceSpec;
import dev.jk8s.api.core.NamespaceStatus;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.FakeApiWriter;
import dev.jk8s.testkit.ManualClock;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class NamespaceControllerTest {

    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    final Indexer<Namespace> namespaces = new Indexer<>();
    final FakeContent content = new FakeContent();
    final FakeApiWriter api = new FakeApiWriter();
    final ManualClock clock = new ManualClock(NOW);
    final NamespaceController controller = new NamespaceController(namespaces, content, api, clock, new ControllerMetrics(), 1);

    /** What the apiserver would list: kind → objects of namespace team-a; counts how often it was asked. */
    static final class FakeContent implements NamespaceContent {
        final Map<Kind<?>, List<ApiObject>> objects = new ConcurrentHashMap<>();
        final List<String> lists = new ArrayList<>();

        @Override
        public List<? extends ApiObject> list(Kind<?> kind, String namespace) {
            assertThat(kind.namespaced()).isTrue();
            lists.add(kind.resource());
            return "team-a".equals(namespace) ? objects.getOrDefault(kind, List.of()) : List.of();
        }

        void add(ApiObject... os) {
            for (ApiObject o : os) {
                objects.computeIfAbsent(Kinds.byKind(o.kind()).orElseThrow(), k -> new ArrayList<>()).add(o);
            }
        }
    }

    static Namespace namespace(boolean terminating, String... finalizers) {
        Namespace ns = TestObjects.of(Kinds.NAMESPACE, "team-a");
        ns = ns.withMetadata(ns.metadata().toBuilder().uid("ns-uid").resourceVersion("7")
                .deletionTimestamp(terminating ? NOW.minusSeconds(1) : null).build());
        return ns.withSpec(new NamespaceSpec(List.of(finalizers)))
                .withStatus(new NamespaceStatus(terminating ? NamespaceStatus.TERMINATING : NamespaceStatus.ACTIVE));
    }

    static ApiObject object(Kind<?> kind, String name) {
        return TestObjects.of(kind, "team-a", name);
    }

    static ApiObject terminating(ApiObject o, String... finalizers) {
        return o.withMetadata(o.metadata().toBuilder().deletionTimestamp(NOW).finalizers(List.of(finalizers)).build());
    }

    /** The namespace status last written. */
    NamespaceStatus written() {
        return ((Namespace) api.written.get(api.written.size() - 1)).status();
    }

    static String condition(NamespaceStatus status, String type) {
        Condition c = Condition.find(status.conditions(), type).orElseThrow();
        return c.status() + " " + c.reason() + " " + c.message();
    }

    @Test
    void deletesEverythingLiveAndLooksAgainWhileContentRemains() {
        namespaces.put(namespace(true, "kubernetes"));
        content.add(object(Kinds.CONFIG_MAP, "a"), object(Kinds.CONFIG_MAP, "b"), object(Kinds.SECRET, "s"),
                object(Kinds.POD, "web-1"), terminating(object(Kinds.POD, "web-2")), object(Kinds.REPLICA_SET, "web"),
                object(Kinds.EVENT, "web-1.1"));

        Optional<Duration> again = controller.sync("team-a");

        assertThat(api.actions("delete")).as("owners of pods first, so that they do not try to replace them")
                .containsExactly("delete replicasets team-a/web", "delete secrets team-a/s", "delete configmaps team-a/a",
                        "delete configmaps team-a/b", "delete pods team-a/web-1", "delete events team-a/web-1.1");
        assertThat(api.actions("update")).isEmpty();
        assertThat(again).contains(NamespaceController.RECHECK);
        // the fake deleted nothing, so what is listed after deleting is what remains
        assertThat(condition(written(), NamespacePlan.CONTENT_REMAINING)).isEqualTo("True SomeResourcesRemain "
                + "Some resources are remaining: configmaps has 2 resource instances, events has 1 resource instances, "
                + "pods has 2 resource instances, replicasets.apps has 1 resource instances, secrets has 1 resource instances");
        assertThat(written().phase()).isEqualTo(NamespaceStatus.TERMINATING);
        assertThat(content.lists).as("every namespaced kind, before and after deleting")
                .hasSize(2 * (int) Kinds.ALL.stream().filter(Kind::namespaced).count())
                .doesNotContain("namespaces", "nodes");
    }

    @Test
    void finalizesOnlyWhenNothingRemains() {
        namespaces.put(namespace(true, "kubernetes", "example.com/ns"));
        content.add(terminating(object(Kinds.POD, "web-1")));
        assertThat(controller.sync("team-a")).contains(NamespaceController.RECHECK);
        assertThat(api.actions("update")).isEmpty();
        assertThat(api.actions("delete")).isEmpty(); // already terminating: its kubelet confirms
        namespaces.put((Namespace) api.written.get(0));

        content.objects.clear();
        Optional<Duration> again = controller.sync("team-a");

        assertThat(again).isEmpty();
        assertThat(api.actions).containsExactly("status namespaces team-a", "status namespaces team-a",
                "update namespaces team-a");
        Namespace finalized = (Namespace) api.written.get(2);
        assertThat(finalized.spec().finalizers()).containsExactly("example.com/ns");
        assertThat(finalized.metadata().resourceVersion()).as("compare-and-swap").isEqualTo("7");
        assertThat(condition(finalized.status(), NamespacePlan.CONTENT_REMAINING))
                .isEqualTo("False ContentRemoved All content successfully removed");
        assertThat(condition(finalized.status(), NamespacePlan.FINALIZERS_REMAINING))
                .isEqualTo("False ContentHasNoFinalizers All content-preserving finalizers finished");
    }

    @Test
    void anObjectsFinalizerHoldsTheNamespaceAndIsNamedAndAnUnchangedStatusIsNotWrittenAgain() {
        namespaces.put(namespace(true, "kubernetes"));
        content.add(terminating(object(Kinds.CONFIG_MAP, "held"), "example.com/hold"));

        assertThat(controller.sync("team-a")).contains(NamespaceController.RECHECK);
        assertThat(condition(written(), NamespacePlan.FINALIZERS_REMAINING)).isEqualTo("True SomeFinalizersRemain "
                + "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances");
        assertThat(condition(written(), NamespacePlan.CONTENT_REMAINING)).isEqualTo("True SomeResourcesRemain "
                + "Some resources are remaining: configmaps has 1 resource instances");
        namespaces.put((Namespace) api.written.get(0));
        clock.advance(Duration.ofSeconds(2));

        assertThat(controller.sync("team-a")).contains(NamespaceController.RECHECK);
        assertThat(api.actions).containsExactly("status namespaces team-a");
    }

    @Test
    void aFailingDeleteIsReportedAndRetried() {
        namespaces.put(namespace(true, "kubernetes"));
        content.add(object(Kinds.SECRET, "locked"), object(Kinds.CONFIG_MAP, "gone"), object(Kinds.CONFIG_MAP, "ok"));
        api.failing(action -> switch (action) {
            case "delete secrets team-a/locked" -> ApiException.of(Reason.FORBIDDEN, "secrets \"locked\" is forbidden: no");
            case "delete configmaps team-a/gone" -> ApiException.notFound("configmaps", "gone");
            default -> null;
        });

        Optional<Duration> again = controller.sync("team-a");

        assertThat(again).contains(NamespaceController.RECHECK);
        assertThat(api.actions("delete")).containsExactly("delete configmaps team-a/ok");
        assertThat(condition(written(), NamespacePlan.DELETION_CONTENT_FAILURE)).isEqualTo("True ContentDeletionFailed "
                + "Failed to delete all resource types, 1 remaining: secrets \"locked\" is forbidden: no");
        assertThat(api.actions("update")).isEmpty();

        // the next pass: the secret deletes and everything is gone
        namespaces.put((Namespace) api.written.get(0));
        api.failing(action -> null);
        content.objects.clear();
        controller.sync("team-a");
        assertThat(condition(written(), NamespacePlan.DELETION_CONTENT_FAILURE)).startsWith("False ContentDeleted ");
        assertThat(api.actions("update")).containsExactly("update namespaces team-a");
    }

    @Test
    void leavesAloneANamespaceThatIsActiveGoneOrNoLongerItsToFinalize() {
        namespaces.put(namespace(false, "kubernetes"));
        content.add(object(Kinds.CONFIG_MAP, "a"));
        assertThat(controller.sync("team-a")).isEmpty();
        namespaces.put(namespace(true, "example.com/ns"));
        assertThat(controller.sync("team-a")).isEmpty();
        assertThat(controller.sync("absent")).isEmpty();

        assertThat(api.actions).isEmpty();
        assertThat(content.lists).isEmpty();
    }
}
