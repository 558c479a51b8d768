package dev.jk8s.controllermanager.replicaset;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.Threads;
import dev.jk8s.client.events.EventSink;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.client.informer.Keys;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.controllermanager.controller.ApiWriter;
import dev.jk8s.controllermanager.controller.Controller;
import dev.jk8s.controllermanager.controller.ControllerContext;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.ControllerRefs;
import dev.jk8s.controllermanager.controller.Expectations;
import dev.jk8s.controllermanager.controller.Pods;
import dev.jk8s.controllermanager.controller.ReconcileLoop;
import dev.jk8s.controllermanager.replicaset.ReplicatedKind.Replicas;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each ReplicaSet's (or, with {@link ReplicatedKind#REPLICATION_CONTROLLER}, each
 * ReplicationController's) {@code spec.replicas} pods running, as Kubernetes' ReplicaSet
 * controller does for both. One instance serves one {@link ReplicatedKind}; the kind is only
 * read through it, so both kinds share every line below. {@link #sync} is level-triggered and
 * safe to repeat: it claims the pods its selector matches (adopting orphans, releasing pods that
 * stopped matching), creates or deletes what {@link ReplicaSetPlan} decides, in slow-start
 * batches, only when the {@link Expectations} of its previous actions have been observed (a burst
 * of events never over-creates), and writes the status it counted. Pods it creates name the
 * object as their controller ({@code kind: ReplicaSet} or {@code kind: ReplicationController}).
 * Events: SuccessfulCreate, FailedCreate, SuccessfulDelete, FailedDelete.
 */
public final class ReplicaSetController<T extends ApiObject> implements Controller {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetController.class);

    private final ReplicatedKind<T> kind;
    private final Indexer<T> owners;
    private final Indexer<Pod> pods;
    private final ApiWriter api;
    private final EventSink events;
    private final Clock clock;
    private final Expectations expectations;
    private final ExecutorService podWrites;
    private final ReconcileLoop loop;

    ReplicaSetController(ReplicatedKind<T> kind, Indexer<T> owners, Indexer<Pod> pods, ApiWriter api, EventSink events,
                         Clock clock, ExecutorService podWrites, ControllerMetrics metrics, int workers) {
        this.kind = kind;
        this.owners = owners;
        this.pods = pods;
        this.api = api;
        this.events = events;
        this.clock = clock;
        this.expectations = new Expectations(clock, Duration.ofMinutes(5));
        this.podWrites = podWrites;
        this.loop = new ReconcileLoop(kind.controllerName(), this::sync, metrics, workers);
    }

    /** The process's controller of {@code kind}: informers' handlers registered, workers not yet started. */
    public static <T extends ApiObject> ReplicaSetController<T> create(ControllerContext ctx, ReplicatedKind<T> kind) {
        SharedInformer<T> ownerInformer = ctx.informers().informer(kind.kind());
        SharedInformer<Pod> podInformer = ctx.informers().informer(Kinds.POD);
        ReplicaSetController<T> c = new ReplicaSetController<>(kind, ownerInformer.indexer(), podInformer.indexer(),
                ctx.api(), ctx.events().apply(kind.component()), ctx.clock(),
                Executors.newFixedThreadPool(16, Threads.daemon(kind.controllerName() + "-pod-writes")), ctx.metrics(),
                ctx.workers());
        ownerInformer.addEventHandler(c.ownerEvents());
        podInformer.addEventHandler(c.podEvents());
        return c;
    }

    /** {@code replicaset} or {@code replicationcontroller}, the name {@code --controllers} selects. */
    @Override
    public ReconcileLoop loop() {
        return loop;
    }

    @Override
    public void stop() {
        Controller.super.stop();
        podWrites.shutdownNow();
    }

    ResourceEventHandler<T> ownerEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T rs) {
                loop.enqueue(Keys.of(rs));
            }

            @Override
            public void onUpdate(T old, T rs) {
                loop.enqueue(Keys.of(rs));
            }

            @Override
            public void onDelete(T rs) {
                expectations.forget(Keys.of(rs));
                loop.enqueue(Keys.of(rs));
            }
        };
    }

    /** A pod's change wakes its owner; an orphan wakes every object of the kind that might adopt it. */
    ResourceEventHandler<Pod> podEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                owner(pod).ifPresentOrElse(key -> {
                    expectations.creationObserved(key);
                    loop.enqueue(key);
                }, () -> adopters(pod).forEach(loop::enqueue));
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                if (!old.metadata().isTerminating() && pod.metadata().isTerminating()) {
                    owner(pod).ifPresent(key -> expectations.deletionObserved(key, Keys.of(pod)));
                }
                Optional<String> oldOwner = owner(old);
                Optional<String> newOwner = owner(pod);
                oldOwner.filter(k -> !k.equals(newOwner.orElse(null))).ifPresent(loop::enqueue);
                newOwner.ifPresentOrElse(loop::enqueue, () -> adopters(pod).forEach(loop::enqueue));
            }

            @Override
            public void onDelete(Pod pod) {
                owner(pod).ifPresent(key -> {
                    expectations.deletionObserved(key, Keys.of(pod));
                    loop.enqueue(key);
                });
            }
        };
    }

    /** The key of the cached object of this kind that the pod's controllerRef names (same uid). */
    private Optional<String> owner(Pod pod) {
        return pod.metadata().controllerRef().filter(r -> kind.kindName().equals(r.kind()))
                .flatMap(r -> owners.get(pod.metadata().namespace(), r.name())
                        .filter(o -> Objects.equals(o.metadata().uid(), r.uid())))
                .map(Keys::of);
    }

    private List<String> adopters(Pod pod) {
        return owners.byNamespace(pod.metadata().namespace()).stream()
                .filter(o -> selects(o, pod)).map(Keys::of).toList();
    }

    private boolean selects(T owner, Pod pod) {
        LabelSelector selector = kind.replicas(owner).selector();
        return selector != null && selector.matches(pod.metadata().labels());
    }

    /** Converges one object; returns when to look again for pods becoming available. */
    Optional<Duration> sync(String key) {
        T object = owners.get(key).orElse(null);
        if (object == null) {
            expectations.forget(key);
            return Optional.empty();
        }
        Replicas rs = kind.replicas(object);
        boolean mayAct = expectations.satisfied(key);
        List<Pod> owned = claim(object, rs);
        ReplicaSetPlan plan = ReplicaSetPlan.of(rs, owned, clock.instant());
        if (mayAct && !rs.metadata().isTerminating()) {
            createPods(key, object, rs, plan.create());
            deletePods(key, object, plan.delete());
        }
        if (!plan.status().equals(rs.status())) {
            api.updateStatus(kind.kind(), kind.withStatus(object, plan.status()));
        }
        return nextAvailabilityCheck(rs, owned);
    }

    /** The active pods the object owns after adopting and releasing. */
    private List<Pod> claim(T owner, Replicas rs) {
        List<Pod> active = pods.byNamespace(rs.metadata().namespace()).stream().filter(Pods::isActive).toList();
        ControllerRefs.Claims<Pod> claims = ControllerRefs.claim(owner, rs.selector(), active);
        List<Pod> owned = new ArrayList<>(claims.owned());
        for (Pod p : claims.adopt()) {
            owned.add(api.update(Kinds.POD, p.withMetadata(ControllerRefs.withController(p.metadata(), owner))));
        }
        for (Pod p : claims.release()) {
            api.update(Kinds.POD, p.withMetadata(ControllerRefs.without(p.metadata(), owner)));
        }
        return owned;
    }

    private void createPods(String key, T owner, Replicas rs, int n) {
        if (n == 0) {
            return;
        }
        expectations.expectCreations(key, n);
        int created = 0;
        for (int batch : ReplicaSetPlan.batches(n)) {
            List<CompletableFuture<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                writes.add(CompletableFuture.supplyAsync(() -> createPod(owner, rs), podWrites));
            }
            long ok = writes.stream().map(CompletableFuture::join).filter(b -> b).count();
            created += batch;
            if (ok < batch) {
                // The pods never created will never be observed: stop waiting for them, and for the batches skipped.
                for (long i = 0; i < (batch - ok) + (n - created); i++) {
                    expectations.creationObserved(key);
                }
                return;
            }
        }
    }

    /** One pod from the template, named {@code <owner>-<random>}, with the owner as its controller. */
    private boolean createPod(T owner, Replicas rs) {
        Pod pod = new Pod(ObjectMeta.builder().generateName(rs.metadata().name() + "-")
                .namespace(rs.metadata().namespace())
                .labels(rs.template().metadata().labels())
                .annotations(rs.template().metadata().annotations())
                .ownerReferences(List.of(OwnerReference.controllerOf(owner))).build(), rs.template().spec());
        try {
            Pod created = api.create(Kinds.POD, pod);
            events.normal(owner, "SuccessfulCreate", "Created pod: " + created.metadata().name());
            return true;
        } catch (ApiException e) {
            LOG.info("{} {}: creating a pod failed: {}", kind.kindName(), Keys.of(owner), e.getMessage());
            events.warning(owner, "FailedCreate", "Error creating: " + e.getMessage());
            return false;
        }
    }

    private void deletePods(String key, T rs, List<Pod> victims) {
        if (victims.isEmpty()) {
            return;
        }
        Set<String> keys = victims.stream().map(Keys::of).collect(Collectors.toSet());
        expectations.expectDeletions(key, keys);
        List<CompletableFuture<Void>> writes = victims.stream()
                .map(p -> CompletableFuture.runAsync(() -> deletePod(key, rs, p), podWrites)).toList();
        writes.forEach(CompletableFuture::join);
    }

    private void deletePod(String key, T rs, Pod pod) {
        try {
            api.delete(Kinds.POD, pod.metadata().namespace(), pod.metadata().name(),
                    DeleteOptions.DEFAULT.withPreconditions(pod.metadata().uid(), 0));
            events.normal(rs, "SuccessfulDelete", "Deleted pod: " + pod.metadata().name());
        } catch (ApiException e) {
            expectations.deletionObserved(key, Keys.of(pod)); // it will not be observed now
            if (!ApiException.isNotFound(e)) {
                LOG.info("{} {}: deleting pod {} failed: {}", kind.kindName(), key, pod.metadata().name(), e.getMessage());
                events.warning(rs, "FailedDelete", "Error deleting: " + e.getMessage());
            }
        }
    }

    /** With minReadySeconds, a pod that is ready but not yet available is looked at again when it will be. */
    private Optional<Duration> nextAvailabilityCheck(Replicas rs, List<Pod> owned) {
        return owned.stream().map(p -> Pods.untilAvailable(p, rs.minReadySeconds(), clock.instant())).flatMap(Optional::stream)
                .min(Duration::compareTo).map(d -> d.plusMillis(100));
    }
}
