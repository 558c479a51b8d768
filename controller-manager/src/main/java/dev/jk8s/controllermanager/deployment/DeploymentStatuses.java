package dev.jk8s.controllermanager.deployment;

import dev.jk8s.api.Condition;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentStatus;
import dev.jk8s.api.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * A Deployment's status from its ReplicaSets, with Kubernetes' conditions and wording: Available
 * (MinimumReplicasAvailable / MinimumReplicasUnavailable) and Progressing (NewReplicaSetCreated,
 * FoundNewReplicaSet, ReplicaSetUpdated, NewReplicaSetAvailable, DeploymentPaused, and
 * ProgressDeadlineExceeded once nothing moved for progressDeadlineSeconds, naming the pod that
 * holds the rollout up). Pure.
 */
final class DeploymentStatuses {

    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    private static final java.util.Set<String> PROGRESS_REASONS =
            java.util.Set.of("ReplicaSetUpdated", "NewReplicaSetCreated", "FoundNewReplicaSet");

    private DeploymentStatuses() {
    }

    /**
     * @param newRs      the ReplicaSet of the current template (null while paused before it exists)
     * @param newRsEvent NewReplicaSetCreated or FoundNewReplicaSet when this sync created or adopted it, else null
     * @param blocking   why the first not-ready pod of the new ReplicaSet waits, if one does
     */
    static DeploymentStatus of(Deployment d, ReplicaSet newRs, List<ReplicaSet> all, String newRsEvent,
                               Optional<String> blocking, Instant now) {
        int replicas = sum(all, rs -> or0(rs.status().replicas()));
        int available = sum(all, rs -> or0(rs.status().availableReplicas()));
        int updated = newRs == null ? 0 : or0(newRs.status().replicas());
        DeploymentStatus counted = new DeploymentStatus(d.metadata().generation(), replicas, updated,
                sum(all, rs -> or0(rs.status().readyReplicas())), available, Math.max(0, replicas - available),
                d.status().conditions(), d.status().collisionCount());
        List<Condition> conditions = new ArrayList<>(d.status().conditions());
        put(conditions, availability(d, available, now));
        progressing(d, newRs, counted, newRsEvent, blocking, now).ifPresent(c -> put(conditions, c));
        return new DeploymentStatus(counted.observedGeneration(), replicas, updated, counted.readyReplicas(), available,
                counted.unavailableReplicas(), conditions, d.status().collisionCount());
    }

    /** Every replica updated, available and none old left: the rollout is done. */
    static boolean complete(Deployment d, DeploymentStatus s) {
        int want = RolloutPlan.replicas(d);
        return or0(s.updatedReplicas()) == want && or0(s.replicas()) == want && or0(s.availableReplicas()) == want;
    }

    /** How long until the progress deadline passes, while the rollout runs and has not timed out. */
    static Optional<Duration> untilDeadline(Deployment d, DeploymentStatus s, Instant now) {
        Optional<Condition> p = Condition.find(s.conditions(), PROGRESSING);
        if (d.spec().progressDeadlineSeconds() == null || complete(d, s) || p.isEmpty() || !p.get().isTrue()
                || p.get().lastUpdateTime() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, p.get().lastUpdateTime().plusSeconds(d.spec().progressDeadlineSeconds()));
        return Optional.of(left.isNegative() ? Duration.ZERO : left.plusSeconds(1));
    }

    private static Condition availability(Deployment d, int available, Instant now) {
        boolean ok = available >= RolloutPlan.replicas(d) - RolloutPlan.Bounds.of(d).maxUnavailable();
        return ok ? Condition.of(AVAILABLE, Condition.TRUE, "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
                : Condition.of(AVAILABLE, Condition.FALSE, "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now);
    }

    private static Optional<Condition> progressing(Deployment d, ReplicaSet newRs, DeploymentStatus s, String newRsEvent,
                                                   Optional<String> blocking, Instant now) {
        String name = newRs == null ? "" : newRs.metadata().name();
        if (d.spec().isPaused()) {
            return Optional.of(Condition.of(PROGRESSING, Condition.UNKNOWN, "DeploymentPaused", "Deployment is paused", now));
        }
        if (newRs == null) {
            return Optional.empty();
        }
        if (complete(d, s)) {
            return Optional.of(Condition.of(PROGRESSING, Condition.TRUE, "NewReplicaSetAvailable",
                    "ReplicaSet \"" + name + "\" has successfully progressed.", now));
        }
        if (newRsEvent != null) {
            String message = ("NewReplicaSetCreated".equals(newRsEvent) ? "Created new" : "Found new") + " replica set \"" + name + "\"";
            return Optional.of(Condition.of(PROGRESSING, Condition.TRUE, newRsEvent, message, now));
        }
        if (moved(d.status(), s)) {
            return Optional.of(Condition.of(PROGRESSING, Condition.TRUE, "ReplicaSetUpdated",
                    "ReplicaSet \"" + name + "\" is progressing.", now));
        }
        Optional<Condition> last = Condition.find(d.status().conditions(), PROGRESSING);
        if (last.isPresent() && DEADLINE_EXCEEDED.equals(last.get().reason())) {
            // Still stuck: say why as soon as a pod tells (a crashing container is often between restarts).
            return blocking.map(b -> Condition.of(PROGRESSING, Condition.FALSE, DEADLINE_EXCEEDED,
                    "ReplicaSet \"" + name + "\" has timed out progressing. " + b, now));
        }
        if (last.isPresent() && last.get().isTrue() && last.get().lastUpdateTime() != null && d.spec().progressDeadlineSeconds() != null
                && !last.get().lastUpdateTime().plusSeconds(d.spec().progressDeadlineSeconds()).isAfter(now)) {
            return Optional.of(Condition.of(PROGRESSING, Condition.FALSE, DEADLINE_EXCEEDED,
                    "ReplicaSet \"" + name + "\" has timed out progressing." + blocking.map(b -> " " + b).orElse(""), now));
        }
        return Optional.empty(); // no news: the condition stays as it was
    }

    /** More pods updated, ready or available than last time, or fewer old ones: the rollout moved. */
    private static boolean moved(DeploymentStatus before, DeploymentStatus now) {
        int oldBefore = or0(before.replicas()) - or0(before.updatedReplicas());
        int oldNow = or0(now.replicas()) - or0(now.updatedReplicas());
        return or0(now.updatedReplicas()) > or0(before.updatedReplicas()) || or0(now.readyReplicas()) > or0(before.readyReplicas())
                || or0(now.availableReplicas()) > or0(before.availableReplicas()) || oldNow < oldBefore;
    }

    /**
     * Replaces the condition of the same type; keeps its transition time when its status is
     * unchanged, and keeps it whole when nothing in it changed, unless it reports progress (whose
     * lastUpdateTime is what the progress deadline counts from).
     */
    private static void put(List<Condition> conditions, Condition c) {
        Optional<Condition> old = Condition.find(conditions, c.type());
        conditions.removeIf(x -> x.type().equals(c.type()));
        boolean progress = PROGRESS_REASONS.contains(c.reason());
        if (!progress && old.isPresent() && old.get().status().equals(c.status()) && old.get().reason() != null
                && old.get().reason().equals(c.reason()) && java.util.Objects.equals(old.get().message(), c.message())) {
            conditions.add(old.get()); // nothing new: keep it, times included, so the status does not change
            return;
        }
        Instant transition = old.isPresent() && old.get().status().equals(c.status()) ? old.get().lastTransitionTime() : c.lastTransitionTime();
        conditions.add(new Condition(c.type(), c.status(), null, null, c.lastTransitionTime(), transition, c.reason(), c.message()));
    }

    private static int sum(List<ReplicaSet> all, ToIntFunction<ReplicaSet> f) {
        return all.stream().mapToInt(f).sum();
    }

    private static int or0(Integer v) {
        return v == null ? 0 : v;
    }
}
