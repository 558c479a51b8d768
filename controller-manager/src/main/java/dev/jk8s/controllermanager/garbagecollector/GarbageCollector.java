package dev.jk8s.controllermanager.garbagecollector;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.client.informer.Keys;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.controllermanager.controller.ApiWriter;
import dev.jk8s.controllermanager.controller.Controller;
import dev.jk8s.controllermanager.controller.ControllerContext;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.ReconcileLoop;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' garbage collector, level-triggered over the caches of every kind (Events aside).
 * The apiserver records how a deletion should propagate as a finalizer on the owner; this
 * controller carries it out:
 * <ul>
 * <li>Background (the default): the owner is gone at once; each dependent whose owners are all
 *     gone (checked with the apiserver, not only the cache) is deleted in turn, and a dependent
 *     that still has another owner only loses the dead reference.</li>
 * <li>Foreground ({@code foregroundDeletion}): the owner stays, terminating, while its dependents
 *     are deleted (those with {@code blockOwnerDeletion} in the foreground too); once none that
 *     blocks is left, the finalizer goes and the apiserver removes the owner.</li>
 * <li>Orphan ({@code orphan}): the dependents lose their reference to the owner, then the
 *     finalizer goes.</li>
 * </ul>
 * Keys are {@code <resource>|<namespace>/<name>}; {@link #sync} is safe to repeat.
 */
public final class GarbageCollector implements Controller {

    public static final String NAME = "garbagecollector";
    static final String FOREGROUND = "foregroundDeletion";
    static final String ORPHAN = "orphan";
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    private final OwnerGraph graph;
    private final ApiWriter api;
    private final ReconcileLoop loop;

    GarbageCollector(OwnerGraph graph, ApiWriter api, ControllerMetrics metrics, int workers) {
        this.graph = graph;
        this.api = api;
        this.loop = new ReconcileLoop(NAME, this::sync, metrics, workers);
    }

    /** Watches every kind but Events, each cache indexed by owner uid. */
    public static GarbageCollector create(ControllerContext ctx) {
        Map<Kind<?>, Indexer<? extends ApiObject>> caches = new LinkedHashMap<>();
        Map<Kind<?>, SharedInformer<? extends ApiObject>> informers = new LinkedHashMap<>();
        for (Kind<?> kind : Kinds.ALL) {
            if (kind != Kinds.EVENT) {
                SharedInformer<? extends ApiObject> informer = ctx.informers().informer(kind);
                informer.addIndex(OwnerGraph.OWNER_UID_INDEX, OwnerGraph::ownerUids);
                caches.put(kind, informer.indexer());
                informers.put(kind, informer);
            }
        }
        GarbageCollector gc = new GarbageCollector(new OwnerGraph(caches, ctx.reader()), ctx.api(), ctx.metrics(), ctx.workers());
        informers.forEach((kind, informer) -> informer.addEventHandler(gc.events(kind)));
        return gc;
    }

    @Override
    public ReconcileLoop loop() {
        return loop;
    }

    static String key(Kind<?> kind, ApiObject o) {
        return kind.resource() + "|" + Keys.of(o);
    }

    /** An object with owners or a propagation finalizer is looked at; a deleted one wakes its dependents and owners. */
    ResourceEventHandler<ApiObject> events(Kind<?> kind) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ApiObject o) {
                consider(kind, o);
            }

            @Override
            public void onUpdate(ApiObject old, ApiObject o) {
                consider(kind, o);
            }

            @Override
            public void onDelete(ApiObject o) {
                graph.dependents(o).forEach(d -> loop.enqueue(key(Kinds.of(d), d)));
                // An owner deleting in the foreground waits for this one: look at it again.
                o.metadata().ownerReferences().forEach(ref -> ownerKey(ref, o).ifPresent(loop::enqueue));
            }
        };
    }

    private void consider(Kind<?> kind, ApiObject o) {
        List<String> finalizers = o.metadata().finalizers();
        if (!o.metadata().ownerReferences().isEmpty() || finalizers.contains(FOREGROUND) || finalizers.contains(ORPHAN)) {
            loop.enqueue(key(kind, o));
        }
    }

    private static Optional<String> ownerKey(OwnerReference ref, ApiObject dependent) {
        return Kinds.byKind(ref.kind()).map(k -> k.resource() + "|"
                + (k.namespaced() ? dependent.metadata().namespace() + "/" + ref.name() : ref.name()));
    }

    /** Converges one object: carries out its own propagation finalizer, then deals with its owners. */
    Optional<Duration> sync(String key) {
        int bar = key.indexOf('|');
        Kind<?> kind = Kinds.byResource(key.substring(0, bar)).orElseThrow();
        ApiObject o = graph.get(kind, key.substring(bar + 1)).orElse(null);
        if (o == null) {
            return Optional.empty();
        }
        if (o.metadata().isTerminating() && o.metadata().finalizers().contains(ORPHAN)) {
            orphanDependents(o);
            removeFinalizer(kind, o, ORPHAN);
            return Optional.empty();
        }
        if (o.metadata().isTerminating() && o.metadata().finalizers().contains(FOREGROUND)) {
            return deleteDependentsFirst(kind, o);
        }
        return dealWithOwners(kind, o);
    }

    private void orphanDependents(ApiObject owner) {
        for (ApiObject d : graph.dependents(owner)) {
            Kind<?> kind = Kinds.of(d);
            update(kind, d.withMetadata(d.metadata().toBuilder().ownerReferences(d.metadata().ownerReferences().stream()
                    .filter(r -> !Objects.equals(r.uid(), owner.metadata().uid())).toList()).build()));
            LOG.info("{}: orphaned {} {}", Keys.of(owner), kind.resource(), Keys.of(d));
        }
    }

    /** Deletes the dependents; removes the finalizer once none that blocks the owner is left. */
    private Optional<Duration> deleteDependentsFirst(Kind<?> kind, ApiObject owner) {
        List<ApiObject> dependents = graph.dependents(owner);
        for (ApiObject d : dependents) {
            if (!d.metadata().isTerminating()) {
                boolean blocks = blocks(d, owner);
                delete(Kinds.of(d), d, blocks ? "Foreground" : "Background");
            }
        }
        if (dependents.stream().noneMatch(d -> blocks(d, owner))) {
            removeFinalizer(kind, owner, FOREGROUND);
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(5)); // the dependents' deletions wake us; this is a safety net
    }

    private static boolean blocks(ApiObject dependent, ApiObject owner) {
        return dependent.metadata().ownerReferences().stream().anyMatch(r -> Objects.equals(r.uid(), owner.metadata().uid())
                && Boolean.TRUE.equals(r.blockOwnerDeletion()));
    }

    private Optional<Duration> dealWithOwners(Kind<?> kind, ApiObject o) {
        if (o.metadata().isTerminating()) {
            return Optional.empty(); // already going
        }
        List<OwnerState> owners = graph.owners(o);
        switch (OwnerState.decide(owners)) {
            case DELETE_BACKGROUND -> delete(kind, o, "Background");
            case DELETE_FOREGROUND -> delete(kind, o, "Foreground");
            case REMOVE_DANGLING_REFERENCES -> update(kind, o.withMetadata(o.metadata().toBuilder().ownerReferences(
                    owners.stream().filter(s -> s.state() != OwnerState.State.GONE).map(OwnerState::ref).toList()).build()));
            case NOTHING -> { }
        }
        return Optional.empty();
    }

    private void delete(Kind<?> kind, ApiObject o, String policy) {
        try {
            api.delete(kind, o.metadata().namespace(), o.metadata().name(),
                    DeleteOptions.DEFAULT.withPropagationPolicy(policy).withPreconditions(o.metadata().uid(), 0));
            LOG.info("{} {}: deleted ({}), its owners being gone or deleting", kind.resource(), Keys.of(o), policy);
        } catch (ApiException e) {
            if (!ApiException.isNotFound(e) && !ApiException.isConflict(e)) {
                throw e; // a conflict: its uid changed, so it is another object now
            }
        }
    }

    private void removeFinalizer(Kind<?> kind, ApiObject o, String finalizer) {
        update(kind, o.withMetadata(o.metadata().withFinalizers(o.metadata().finalizers().stream()
                .filter(f -> !f.equals(finalizer)).toList())));
    }

    @SuppressWarnings("unchecked")
    private <T extends ApiObject> void update(Kind<T> kind, ApiObject o) {
        api.update(kind, (T) o);
    }
}
