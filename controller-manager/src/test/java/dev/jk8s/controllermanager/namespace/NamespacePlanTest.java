package dev.jk8s.controllermanager.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Condition;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.NamespaceStatus;
import dev.jk8s.testkit.TestObjects;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamespacePlanTest {

    static final Instant BEFORE = Instant.parse("2026-12-04T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-04T10:00:05Z");

    static ApiObject object(Kind<?> kind, String name) {
        return TestObjects.of(kind, "team-a", name);
    }

    static ApiObject terminating(ApiObject o, String... finalizers) {
        return o.withMetadata(o.metadata().toBuilder().deletionTimestamp(BEFORE).finalizers(List.of(finalizers)).build());
    }

    static Map<Kind<?>, List<ApiObject>> content(Object... kindsAndObjects) {
        Map<Kind<?>, List<ApiObject>> m = new LinkedHashMap<>();
        for (int i = 0; i < kindsAndObjects.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<ApiObject> objects = (List<ApiObject>) kindsAndObjects[i + 1];
            m.put((Kind<?>) kindsAndObjects[i], objects);
        }
        return m;
    }

    static Stream<Arguments> plans() {
        ApiObject cm1 = object(Kinds.CONFIG_MAP, "a");
        ApiObject cm2 = object(Kinds.CONFIG_MAP, "b");
        ApiObject graceful = terminating(object(Kinds.POD, "web-1"));
        ApiObject held = terminating(object(Kinds.SECRET, "held"), "example.com/hold");
        ApiObject heldTwice = terminating(object(Kinds.CONFIG_MAP, "c"), "example.com/hold", "example.com/audit");
        ApiObject rs = object(Kinds.REPLICA_SET, "web");
        return Stream.of(
                Arguments.of("empty", content(Kinds.CONFIG_MAP, List.of(), Kinds.POD, List.of()), List.of(), true,
                        "False ContentRemoved All content successfully removed",
                        "False ContentHasNoFinalizers All content-preserving finalizers finished"),
                Arguments.of("everything live is deleted", content(Kinds.POD, List.of(graceful), Kinds.CONFIG_MAP,
                                List.of(cm1, cm2), Kinds.REPLICA_SET, List.of(rs)), List.of(cm1, cm2, rs), false,
                        "True SomeResourcesRemain Some resources are remaining: configmaps has 2 resource instances, "
                                + "pods has 1 resource instances, replicasets.apps has 1 resource instances",
                        "False ContentHasNoFinalizers All content-preserving finalizers finished"),
                Arguments.of("finalizers are counted per object", content(Kinds.SECRET, List.of(held), Kinds.CONFIG_MAP,
                                List.of(heldTwice)), List.of(), false,
                        "True SomeResourcesRemain Some resources are remaining: configmaps has 1 resource instances, "
                                + "secrets has 1 resource instances",
                        "True SomeFinalizersRemain Some content in the namespace has finalizers remaining: "
                                + "example.com/audit in 1 resource instances, example.com/hold in 2 resource instances"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void decidesWhatToDeleteAndSaysWhatRemains(String name, Map<Kind<?>, List<ApiObject>> content,
                                               List<ApiObject> delete, boolean empty, String remaining, String finalizers) {
        NamespacePlan plan = NamespacePlan.of(content);
        NamespaceStatus status = plan.status(new NamespaceStatus("Terminating"), Map.of(), NOW);

        assertThat(plan.delete()).isEqualTo(delete);
        assertThat(plan.empty()).isEqualTo(empty);
        assertThat(status.phase()).isEqualTo("Terminating");
        assertThat(status.conditions()).extracting(Condition::type).containsExactly(NamespacePlan.DELETION_CONTENT_FAILURE,
                NamespacePlan.CONTENT_REMAINING, NamespacePlan.FINALIZERS_REMAINING);
        assertThat(line(status, NamespacePlan.DELETION_CONTENT_FAILURE))
                .isEqualTo("False ContentDeleted All content successfully deleted, may be waiting on finalization");
        assertThat(line(status, NamespacePlan.CONTENT_REMAINING)).isEqualTo(remaining);
        assertThat(line(status, NamespacePlan.FINALIZERS_REMAINING)).isEqualTo(finalizers);
    }

    @Test
    void failedDeletionsAreAggregatedAsKubernetesDoes() {
        NamespacePlan plan = NamespacePlan.of(content(Kinds.SECRET, List.of(object(Kinds.SECRET, "s"))));

        NamespaceStatus one = plan.status(NamespaceStatus.EMPTY, Map.of("secrets", "secrets \"s\" is forbidden: no"), NOW);
        NamespaceStatus two = plan.status(NamespaceStatus.EMPTY,
                Map.of("secrets", "secrets \"s\" is forbidden: no", "configmaps", "etcd is unavailable"), NOW);

        assertThat(line(one, NamespacePlan.DELETION_CONTENT_FAILURE)).isEqualTo("True ContentDeletionFailed "
                + "Failed to delete all resource types, 1 remaining: secrets \"s\" is forbidden: no");
        assertThat(line(two, NamespacePlan.DELETION_CONTENT_FAILURE)).isEqualTo("True ContentDeletionFailed "
                + "Failed to delete all resource types, 2 remaining: [etcd is unavailable, secrets \"s\" is forbidden: no]");
    }

    @Test
    void aConditionKeepsItsTransitionTimeUntilItsStatusChangesAndOthersAreKept() {
        ApiObject held = terminating(object(Kinds.SECRET, "held"), "example.com/hold");
        Condition foreign = Condition.of("Other", "True", "Because", "set by someone else", BEFORE);
        NamespaceStatus first = NamespacePlan.of(content(Kinds.SECRET, List.of(held, object(Kinds.SECRET, "s"))))
                .status(new NamespaceStatus("Terminating", List.of(foreign)), Map.of(), BEFORE);

        NamespaceStatus same = NamespacePlan.of(content(Kinds.SECRET, List.of(held, object(Kinds.SECRET, "s"))))
                .status(first, Map.of(), NOW);
        NamespaceStatus fewer = NamespacePlan.of(content(Kinds.SECRET, List.of(held))).status(first, Map.of(), NOW);
        NamespaceStatus none = NamespacePlan.of(content(Kinds.SECRET, List.of())).status(first, Map.of(), NOW);

        assertThat(same).isEqualTo(first);
        assertThat(Condition.find(fewer.conditions(), NamespacePlan.CONTENT_REMAINING).orElseThrow())
                .satisfies(c -> assertThat(c.message()).endsWith("secrets has 1 resource instances"))
                .satisfies(c -> assertThat(c.lastTransitionTime()).isEqualTo(BEFORE));
        assertThat(none.conditions()).filteredOn(c -> !c.type().equals("Other"))
                .allSatisfy(c -> assertThat(c.status()).isEqualTo("False"))
                .filteredOn(c -> !c.type().equals(NamespacePlan.DELETION_CONTENT_FAILURE))
                .allSatisfy(c -> assertThat(c.lastTransitionTime()).isEqualTo(NOW));
        assertThat(none.conditions()).contains(foreign);
    }

    static String line(NamespaceStatus status, String type) {
        Condition c = Condition.find(status.conditions(), type).orElseThrow();
        return c.status() + " " + c.reason() + " " + c.message();
    }
}
