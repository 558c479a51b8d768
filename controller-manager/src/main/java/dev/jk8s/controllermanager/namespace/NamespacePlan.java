package dev.jk8s.controllermanager.namespace;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Condition;
import dev.jk8s.api.Kind;
import dev.jk8s.api.core.NamespaceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a terminating namespace needs, decided from what it still holds: which objects to delete
 * (those not already terminating: the others are on their way, held by a grace period or
 * finalizers), how many objects of each resource remain and how many carry each finalizer, and
 * so whether it is empty (then its {@code kubernetes} finalizer may go). {@link #status} gives the
 * conditions in Kubernetes' types, reasons and wording. Resources are named as Kubernetes' group
 * resources: {@code pods}, {@code replicasets.apps}. Immutable and pure.
 *
 * @param delete     the objects to delete, in the order listed
 * @param remaining  resource → objects of it in the namespace, only non-zero counts, sorted by resource
 * @param finalizers finalizer → objects carrying it, sorted by finalizer
 */
public record NamespacePlan(List<ApiObject> delete, Map<String, Integer> remaining, Map<String, Integer> finalizers) {

    public static final String DELETION_CONTENT_FAILURE = "NamespaceDeletionContentFailure";
    public static final String CONTENT_REMAINING = "NamespaceContentRemaining";
    public static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

    public NamespacePlan {
        delete = List.copyOf(delete);
        remaining = java.util.Collections.unmodifiableMap(new TreeMap<>(remaining));
        finalizers = java.util.Collections.unmodifiableMap(new TreeMap<>(finalizers));
    }

    /** The plan for a namespace holding {@code content} (kind → its objects there). */
    public static NamespacePlan of(Map<Kind<?>, ? extends List<? extends ApiObject>> content) {
        List<ApiObject> delete = new ArrayList<>();
        Map<String, Integer> remaining = new TreeMap<>();
        Map<String, Integer> finalizers = new TreeMap<>();
        content.forEach((kind, objects) -> {
            if (!objects.isEmpty()) {
                remaining.put(groupResource(kind), objects.size());
            }
            for (ApiObject o : objects) {
                if (!o.metadata().isTerminating()) {
                    delete.add(o);
                }
                o.metadata().finalizers().forEach(f -> finalizers.merge(f, 1, Integer::sum));
            }
        });
        return new NamespacePlan(delete, remaining, finalizers);
    }

    /** Kubernetes' name of a group resource: {@code pods}, {@code replicasets.apps}. */
    public static String groupResource(Kind<?> kind) {
        return kind.group().isEmpty() ? kind.resource() : kind.resource() + "." + kind.group();
    }

    /** Whether nothing is left in the namespace. */
    public boolean empty() {
        return remaining.isEmpty();
    }

    /**
     * {@code old} with the three conditions set from this plan and the deletions that failed
     * (group resource → the error); a condition whose status did not change keeps its
     * lastTransitionTime, so that a status that says the same thing is equal to the old one.
     */
    public NamespaceStatus status(NamespaceStatus old, Map<String, String> failures, Instant now) {
        List<Condition> next = new ArrayList<>(old.conditions().stream()
                .filter(c -> !List.of(DELETION_CONTENT_FAILURE, CONTENT_REMAINING, FINALIZERS_REMAINING).contains(c.type()))
                .toList());
        next.add(since(old, failureCondition(failures, now)));
        next.add(since(old, remainingCondition(now)));
        next.add(since(old, finalizersCondition(now)));
        return old.withConditions(next);
    }

    private static Condition failureCondition(Map<String, String> failures, Instant now) {
        if (failures.isEmpty()) {
            return Condition.of(DELETION_CONTENT_FAILURE, Condition.FALSE, "ContentDeleted",
                    "All content successfully deleted, may be waiting on finalization", now);
        }
        List<String> errors = List.copyOf(new TreeMap<>(failures).values());
        // Kubernetes prints an aggregate of one error as the error, of several as [a, b]
        String aggregate = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
        return Condition.of(DELETION_CONTENT_FAILURE, Condition.TRUE, "ContentDeletionFailed",
                "Failed to delete all resource types, " + failures.size() + " remaining: " + aggregate, now);
    }

    private Condition remainingCondition(Instant now) {
        if (remaining.isEmpty()) {
            return Condition.of(CONTENT_REMAINING, Condition.FALSE, "ContentRemoved", "All content successfully removed", now);
        }
        return Condition.of(CONTENT_REMAINING, Condition.TRUE, "SomeResourcesRemain",
                "Some resources are remaining: " + join(remaining, " has "), now);
    }

    private Condition finalizersCondition(Instant now) {
        if (finalizers.isEmpty()) {
            return Condition.of(FINALIZERS_REMAINING, Condition.FALSE, "ContentHasNoFinalizers",
                    "All content-preserving finalizers finished", now);
        }
        return Condition.of(FINALIZERS_REMAINING, Condition.TRUE, "SomeFinalizersRemain",
                "Some content in the namespace has finalizers remaining: " + join(finalizers, " in "), now);
    }

    /** {@code a has 3 resource instances, b has 1 resource instances}: Kubernetes' words, plural and all. */
    private static String join(Map<String, Integer> counts, String verb) {
        return counts.entrySet().stream().map(e -> e.getKey() + verb + e.getValue() + " resource instances")
                .collect(Collectors.joining(", "));
    }

    /** {@code next}, with the old condition's lastTransitionTime when its status is unchanged. */
    private static Condition since(NamespaceStatus old, Condition next) {
        Optional<Condition> before = Condition.find(old.conditions(), next.type());
        if (before.isEmpty() || !before.get().status().equals(next.status())) {
            return next;
        }
        return Condition.of(next.type(), next.status(), next.reason(), next.message(), before.get().lastTransitionTime());
    }
}
