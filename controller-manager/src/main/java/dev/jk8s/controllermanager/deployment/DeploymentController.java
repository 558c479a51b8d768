package dev.jk8s.controllermanager.deployment;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentStatus;
import dev.jk8s.api.apps.DeploymentStrategy;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.apps.ReplicaSetSpec;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodTemplateSpec;
import dev.jk8s.client.DeleteOptions;
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
import dev.jk8s.controllermanager.controller.Pods;
import dev.jk8s.controllermanager.controller.ReconcileLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rolls Deployments out through ReplicaSets, as Kubernetes' Deployment controller does: one
 * ReplicaSet per pod template (named and labelled with its {@code pod-template-hash}, numbered in
 * {@code deployment.kubernetes.io/revision}), scaled step by step by {@link RolloutPlan}
 * (RollingUpdate within maxSurge/maxUnavailable, or Recreate), old ReplicaSets beyond
 * revisionHistoryLimit deleted, and a status with Kubernetes' conditions ({@link DeploymentStatuses}).
 * Going back to an earlier template (what {@code jctl rollout undo} writes) reuses that template's
 * ReplicaSet under a new revision. A paused Deployment is not rolled out. {@link #sync} is
 * level-triggered and safe to repeat. Events: ScalingReplicaSet.
 */
public final class DeploymentController implements Controller {

    public static final String NAME = "deployment";
    static final String HASH_LABEL = "pod-template-hash";
    static final String REVISION = "deployment.kubernetes.io/revision";

    private final Indexer<Deployment> deployments;
    private final Indexer<ReplicaSet> replicaSets;
    private final Indexer<Pod> pods;
    private final ApiWriter api;
    private final EventSink events;
    private final Clock clock;
    private final ReconcileLoop loop;

    DeploymentController(Indexer<Deployment> deployments, Indexer<ReplicaSet> replicaSets, Indexer<Pod> pods, ApiWriter api,
                         EventSink events, Clock clock, ControllerMetrics metrics, int workers) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.api = api;
        this.events = events;
        this.clock = clock;
        this.loop = new ReconcileLoop(NAME, this::sync, metrics, workers);
    }

    public static DeploymentController create(ControllerContext ctx) {
        SharedInformer<Deployment> d = ctx.informers().informer(Kinds.DEPLOYMENT);
        SharedInformer<ReplicaSet> rs = ctx.informers().informer(Kinds.REPLICA_SET);
        SharedInformer<Pod> p = ctx.informers().informer(Kinds.POD);
        DeploymentController c = new DeploymentController(d.indexer(), rs.indexer(), p.indexer(), ctx.api(),
                ctx.events().apply("deployment-controller"), ctx.clock(), ctx.metrics(), ctx.workers());
        d.addEventHandler(ResourceEventHandler.onChange(o -> c.loop.enqueue(Keys.of(o))));
        rs.addEventHandler(ResourceEventHandler.onChange(o -> c.owners(o).forEach(c.loop::enqueue)));
        p.addEventHandler(ResourceEventHandler.onChange(o -> c.deploymentOfPod(o).ifPresent(c.loop::enqueue)));
        return c;
    }

    @Override
    public ReconcileLoop loop() {
        return loop;
    }

    /** The Deployment controlling {@code rs}, or for an orphan every Deployment whose selector matches it. */
    private List<String> owners(ReplicaSet rs) {
        Optional<OwnerReference> ref = rs.metadata().controllerRef();
        if (ref.isPresent()) {
            return ref.filter(r -> "Deployment".equals(r.kind()))
                    .map(r -> List.of(rs.metadata().namespace() + "/" + r.name())).orElse(List.of());
        }
        return deployments.byNamespace(rs.metadata().namespace()).stream()
                .filter(d -> d.spec().selector() != null && d.spec().selector().matches(rs.metadata().labels()))
                .map(Keys::of).toList();
    }

    private Optional<String> deploymentOfPod(Pod pod) {
        return pod.metadata().controllerRef().filter(r -> "ReplicaSet".equals(r.kind()))
                .flatMap(r -> replicaSets.get(pod.metadata().namespace(), r.name()))
                .flatMap(rs -> rs.metadata().controllerRef().filter(r -> "Deployment".equals(r.kind()))
                        .map(r -> rs.metadata().namespace() + "/" + r.name()));
    }

    /** Converges one Deployment; returns when its progress deadline is to be checked. */
    Optional<Duration> sync(String key) {
        Deployment d = deployments.get(key).orElse(null);
        if (d == null) {
            return Optional.empty();
        }
        List<ReplicaSet> owned = claim(d);
        String hash = TemplateHash.of(d.spec().template(), d.status().collisionCount());
        String newName = d.metadata().name() + "-" + hash;
        // By template, or by name: a template the apiserver defaulted differently must not make a second ReplicaSet.
        ReplicaSet newRs = owned.stream().filter(rs -> sameTemplate(rs, d) || rs.metadata().name().equals(newName))
                .findFirst().orElse(null);
        String newRsEvent = null;
        if (!d.metadata().isTerminating() && !d.spec().isPaused()) {
            if (newRs == null) {
                newRs = createNewReplicaSet(d, hash, nextRevision(owned));
                owned.add(newRs);
                newRsEvent = "NewReplicaSetCreated";
            } else if (revision(newRs) < maxRevision(owned)) {
                newRs = replace(owned, newRs, api.update(Kinds.REPLICA_SET, withRevision(newRs, nextRevision(owned))));
                newRsEvent = "FoundNewReplicaSet";
            }
            owned = scale(d, newRs, owned);
            owned = cleanUp(d, newRs, owned);
        }
        return writeStatus(d, newRs, owned, newRsEvent);
    }

    /** The ReplicaSets the Deployment owns after adopting and releasing. */
    private List<ReplicaSet> claim(Deployment d) {
        ControllerRefs.Claims<ReplicaSet> claims = ControllerRefs.claim(d, d.spec().selector(),
                replicaSets.byNamespace(d.metadata().namespace()));
        List<ReplicaSet> owned = new ArrayList<>(claims.owned());
        claims.adopt().forEach(rs -> owned.add(api.update(Kinds.REPLICA_SET,
                rs.withMetadata(ControllerRefs.withController(rs.metadata(), d)))));
        claims.release().forEach(rs -> api.update(Kinds.REPLICA_SET, rs.withMetadata(ControllerRefs.without(rs.metadata(), d))));
        return owned;
    }

    private static boolean sameTemplate(ReplicaSet rs, Deployment d) {
        return TemplateHash.withoutHash(rs.spec().template()).equals(d.spec().template());
    }

    private ReplicaSet createNewReplicaSet(Deployment d, String hash, long revision) {
        PodTemplateSpec t = d.spec().template();
        Map<String, String> labels = new LinkedHashMap<>(t.metadata().labels());
        labels.put(HASH_LABEL, hash);
        LabelSelector selector = d.spec().selector();
        Map<String, String> match = new LinkedHashMap<>(selector.matchLabels());
        match.put(HASH_LABEL, hash);
        ReplicaSet rs = new ReplicaSet(ObjectMeta.builder().namespace(d.metadata().namespace())
                .name(d.metadata().name() + "-" + hash).labels(labels)
                .annotations(Map.of(REVISION, String.valueOf(revision)))
                .ownerReferences(List.of(OwnerReference.controllerOf(d))).build(),
                new ReplicaSetSpec(0, d.spec().minReadySeconds(), new LabelSelector(match, selector.matchExpressions()),
                        new PodTemplateSpec(t.metadata().withLabels(labels), t.spec())));
        return api.create(Kinds.REPLICA_SET, rs);
    }

    /** Applies the strategy's next step to every ReplicaSet whose replicas change. */
    private List<ReplicaSet> scale(Deployment d, ReplicaSet newRs, List<ReplicaSet> owned) {
        List<ReplicaSet> old = owned.stream().filter(rs -> rs != newRs).toList();
        Map<String, Integer> next = isRecreate(d) ? RolloutPlan.recreate(d, newRs, old, oldPodsLeft(old))
                : RolloutPlan.rolling(d, newRs, old);
        List<ReplicaSet> out = new ArrayList<>();
        for (ReplicaSet rs : owned) {
            int want = next.getOrDefault(rs.metadata().name(), RolloutPlan.specReplicas(rs));
            out.add(want == RolloutPlan.specReplicas(rs) ? rs : resize(d, rs, want));
        }
        return out;
    }

    private ReplicaSet resize(Deployment d, ReplicaSet rs, int want) {
        int from = RolloutPlan.specReplicas(rs);
        ReplicaSet updated = api.update(Kinds.REPLICA_SET, rs.withSpec(rs.spec().withReplicas(want)));
        events.normal(d, "ScalingReplicaSet", "Scaled " + (want > from ? "up" : "down") + " replica set "
                + rs.metadata().name() + " to " + want + " from " + from);
        return updated;
    }

    private static boolean isRecreate(Deployment d) {
        return d.spec().strategy() != null && DeploymentStrategy.RECREATE.equals(d.spec().strategy().type());
    }

    /** Whether any pod of the old ReplicaSets still exists (Recreate waits for all of them to go). */
    private boolean oldPodsLeft(List<ReplicaSet> old) {
        Set<String> uids = old.stream().map(rs -> rs.metadata().uid()).collect(Collectors.toSet());
        return old.stream().map(rs -> rs.metadata().namespace()).distinct()
                .flatMap(ns -> pods.byNamespace(ns).stream())
                .anyMatch(p -> !p.status().isTerminal() && p.metadata().controllerRef().map(r -> uids.contains(r.uid())).orElse(false));
    }

    /** Deletes the oldest empty old ReplicaSets beyond revisionHistoryLimit. */
    private List<ReplicaSet> cleanUp(Deployment d, ReplicaSet newRs, List<ReplicaSet> owned) {
        int limit = d.spec().revisionHistoryLimit() == null ? 10 : d.spec().revisionHistoryLimit();
        List<ReplicaSet> empty = owned.stream().filter(rs -> rs != newRs && RolloutPlan.specReplicas(rs) == 0
                        && (rs.status().replicas() == null || rs.status().replicas() == 0) && !rs.metadata().isTerminating())
                .sorted(Comparator.comparingLong(DeploymentController::revision)).toList();
        List<ReplicaSet> out = new ArrayList<>(owned);
        for (ReplicaSet rs : empty.subList(0, Math.max(0, empty.size() - limit))) {
            api.delete(Kinds.REPLICA_SET, rs.metadata().namespace(), rs.metadata().name(),
                    DeleteOptions.DEFAULT.withPreconditions(rs.metadata().uid(), 0));
            out.remove(rs);
        }
        return out;
    }

    private Optional<Duration> writeStatus(Deployment d, ReplicaSet newRs, List<ReplicaSet> owned, String newRsEvent) {
        List<Pod> newPods = newRs == null ? List.of() : pods.byNamespace(d.metadata().namespace()).stream()
                .filter(p -> p.metadata().controllerRef().map(r -> Objects.equals(r.uid(), newRs.metadata().uid())).orElse(false))
                .toList();
        DeploymentStatus status = DeploymentStatuses.of(d, newRs, owned, newRsEvent, BlockingPod.reason(newPods), clock.instant());
        if (!status.equals(d.status())) {
            api.updateStatus(Kinds.DEPLOYMENT, d.withStatus(status));
        }
        return DeploymentStatuses.untilDeadline(d, status, clock.instant());
    }

    static long revision(ReplicaSet rs) {
        try {
            return Long.parseLong(rs.metadata().annotations().getOrDefault(REVISION, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long maxRevision(List<ReplicaSet> owned) {
        return owned.stream().mapToLong(DeploymentController::revision).max().orElse(0);
    }

    private static long nextRevision(List<ReplicaSet> owned) {
        return maxRevision(owned) + 1;
    }

    private static ReplicaSet withRevision(ReplicaSet rs, long revision) {
        return rs.withMetadata(rs.metadata().withAnnotation(REVISION, String.valueOf(revision)));
    }

    private static ReplicaSet replace(List<ReplicaSet> owned, ReplicaSet old, ReplicaSet updated) {
        owned.set(owned.indexOf(old), updated);
        return updated;
    }
}
