package dev.jk8s.controllermanager.replicaset;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.apps.ReplicaSet;
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
 * Keeps each ReplicaSet's {@code spec.replicas} pods running, as Kubernetes' ReplicaSet
 * controller does. {@link #sync} is level-triggered and safe to repeat: it claims the pods its
 * selector matches (adopting orphans, releasing pods that stopped matching), creates or deletes
 * what {@link ReplicaSetPlan} decides, in slow-start batches, only when the {@link Expectations}
 * of its previous actions have been observed (a burst of events never over-creates), and writes
 * the status it counted. Events: SuccessfulCreate, FailedCreate, SuccessfulDelete, FailedDelete.
 */
public final class ReplicaSetController implements Controller {

    public static final String NAME = "replicaset";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetController.class);

    private final Indexer<ReplicaSet> replicaSets;
    private final Indexer<Pod> pods;
    private final ApiWriter api;
    private final EventSink events;
    private final Clock clock;
    private final Expectations expectations;
    private final ExecutorService podWrites;
    private final ReconcileLoop loop;

    ReplicaSetController(Indexer<ReplicaSet> replicaSets, Indexer<Pod> pods, ApiWriter api, EventSink events, Clock clock,
                         ExecutorService podWrites, ControllerMetrics metrics, int workers) {
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.api = api;
        this.events = events;
        this.clock = clock;
        this.expectations = new Expectations(clock, Duration.ofMinutes(5));
        this.podWrites = podWrites;
        this.loop = new ReconcileLoop(NAME, this::sync, metrics, workers);
    }

    /** The controller of the process: informers' handlers registered, workers not yet started. */
    public static ReplicaSetController create(ControllerContext ctx) {
        SharedInformer<ReplicaSet> rsInformer = ctx.informers().informer(Kinds.REPLICA_SET);
        SharedInformer<Pod> podInformer = ctx.informers().informer(Kinds.POD);
        ReplicaSetController c = new ReplicaSetController(rsInformer.indexer(), podInformer.indexer(), ctx.api(),
                ctx.events().apply("replicaset-controller"), ctx.clock(),
                Executors.newFixedThreadPool(16, Threads.daemon("replicaset-pod-writes")), ctx.metrics(), ctx.workers());
        rsInformer.addEventHandler(c.replicaSetEvents());
        podInformer.addEventHandler(c.podEvents());
        return c;
    }

    @Override
    public ReconcileLoop loop() {
        return loop;
    }

    @Override
    public void stop() {
        Controller.super.stop();
        podWrites.shutdownNow();
    }

    ResourceEventHandler<ReplicaSet> replicaSetEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicaSet rs) {
                loop.enqueue(Keys.of(rs));
            }

            @Override
            public void onUpdate(ReplicaSet old, ReplicaSet rs) {
                loop.enqueue(Keys.of(rs));
            }

            @Override
            public void onDelete(ReplicaSet rs) {
                expectations.forget(Keys.of(rs));
                loop.enqueue(Keys.of(rs));
            }
        };
    }

    /** A pod's change wakes its owner; an orphan wakes every ReplicaSet that might adopt it. */
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

    /** The key of the cached ReplicaSet the pod's controllerRef names (same uid). */
    private Optional<String> owner(Pod pod) {
        return pod.metadata().controllerRef().filter(r -> "ReplicaSet".equals(r.kind()))
                .flatMap(r -> replicaSets.get(pod.metadata().namespace(), r.name())
                        .filter(rs -> Objects.equals(rs.metadata().uid(), r.uid())))
                .map(Keys::of);
    }

    private List<String> adopters(Pod pod) {
        return replicaSets.byNamespace(pod.metadata().namespace()).stream()
                .filter(rs -> rs.spec().selector() != null && rs.spec().selector().matches(pod.metadata().labels()))
                .map(Keys::of).toList();
    }

    /** Converges one ReplicaSet; returns when to look again for pods becoming available. */
    Optional<Duration> sync(String key) {
        ReplicaSet rs = replicaSets.get(key).orElse(null);
        if (rs == null) {
            expectations.forget(key);
            return Optional.empty();
        }
        boolean mayAct = expectations.satisfied(key);
        List<Pod> owned = claim(rs);
        ReplicaSetPlan plan = ReplicaSetPlan.of(rs, owned, clock.instant());
        if (mayAct && !rs.metadata().isTerminating()) {
            createPods(key, rs, plan.create());
            deletePods(key, rs, plan.delete());
        }
        if (!plan.status().equals(rs.status())) {
            api.updateStatus(Kinds.REPLICA_SET, rs.withStatus(plan.status()));
        }
        return nextAvailabilityCheck(rs, owned);
    }

    /** The active pods the ReplicaSet owns after adopting and releasing. */
    private List<Pod> claim(ReplicaSet rs) {
        List<Pod> active = pods.byNamespace(rs.metadata().namespace()).stream().filter(Pods::isActive).toList();
        ControllerRefs.Claims<Pod> claims = ControllerRefs.claim(rs, rs.spec().selector(), active);
        List<Pod> owned = new ArrayList<>(claims.owned());
        for (Pod p : claims.adopt()) {
            owned.add(api.update(Kinds.POD, p.withMetadata(ControllerRefs.withController(p.metadata(), rs))));
        }
        for (Pod p : claims.release()) {
            api.update(Kinds.POD, p.withMetadata(ControllerRefs.without(p.metadata(), rs)));
        }
        return owned;
    }

    private void createPods(String key, ReplicaSet rs, int n) {
        if (n == 0) {
            return;
        }
        expectations.expectCreations(key, n);
        int created = 0;
        for (int batch : ReplicaSetPlan.batches(n)) {
            List<CompletableFuture<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                writes.add(CompletableFuture.supplyAsync(() -> createPod(rs), podWrites));
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

    private boolean createPod(ReplicaSet rs) {
        Pod pod = new Pod(ObjectMeta.builder().generateName(rs.metadata().name() + "-")
                .namespace(rs.metadata().namespace())
                .labels(rs.spec().template().metadata().labels())
                .annotations(rs.spec().template().metadata().annotations())
                .ownerReferences(List.of(OwnerReference.controllerOf(rs))).build(), rs.spec().template().spec());
        try {
            Pod created = api.create(Kinds.POD, pod);
            events.normal(rs, "SuccessfulCreate", "Created pod: " + created.metadata().name());
            return true;
        } catch (ApiException e) {
            LOG.info("{}: creating a pod failed: {}", Keys.of(rs), e.getMessage());
            events.warning(rs, "FailedCreate", "Error creating: " + e.getMessage());
            return false;
        }
    }

    private void deletePods(String key, ReplicaSet rs, List<Pod> victims) {
        if (victims.isEmpty()) {
            return;
        }
        Set<String> keys = victims.stream().map(Keys::of).collect(Collectors.toSet());
        expectations.expectDeletions(key, keys);
        List<CompletableFuture<Void>> writes = victims.stream()
                .map(p -> CompletableFuture.runAsync(() -> deletePod(key, rs, p), podWrites)).toList();
        writes.forEach(CompletableFuture::join);
    }

    private void deletePod(String key, ReplicaSet rs, Pod pod) {
        try {
            api.delete(Kinds.POD, pod.metadata().namespace(), pod.metadata().name(),
                    DeleteOptions.DEFAULT.withPreconditions(pod.metadata().uid(), 0));
            events.normal(rs, "SuccessfulDelete", "Deleted pod: " + pod.metadata().name());
        } catch (ApiException e) {
            expectations.deletionObserved(key, Keys.of(pod)); // it will not be observed now
            if (!ApiException.isNotFound(e)) {
                LOG.info("{}: deleting pod {} failed: {}", key, pod.metadata().name(), e.getMessage());
                events.warning(rs, "FailedDelete", "Error deleting: " + e.getMessage());
            }
        }
    }

    /** With minReadySeconds, a pod that is ready but not yet available is looked at again when it will be. */
    private Optional<Duration> nextAvailabilityCheck(ReplicaSet rs, List<Pod> owned) {
        int minReady = rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
        return owned.stream().map(p -> Pods.untilAvailable(p, minReady, clock.instant())).flatMap(Optional::stream)
                .min(Duration::compareTo).map(d -> d.plusMillis(100));
    }
}
