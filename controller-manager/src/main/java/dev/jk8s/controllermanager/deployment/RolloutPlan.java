package dev.jk8s.controllermanager.deployment;

import dev.jk8s.api.IntOrString;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentStrategy;
import dev.jk8s.api.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many replicas each of a Deployment's ReplicaSets should have next, as Kubernetes' rolling
 * update and recreate decide it, from what their specs and statuses say now. Pure: the
 * controller applies the result, waits for the ReplicaSets' status to change, and asks again.
 *
 * <p>RollingUpdate: the new ReplicaSet grows while all pods stay within replicas + maxSurge
 * (maxSurge rounded up), and old ReplicaSets shrink while available pods stay at least
 * replicas − maxUnavailable (rounded down; both 0 means 1 may be unavailable) — unavailable old
 * pods first, then the oldest ReplicaSets first. Recreate: old ReplicaSets go to 0, and the new
 * one grows only once no old pod is left.
 */
final class RolloutPlan {

    private RolloutPlan() {
    }

    /** maxSurge and maxUnavailable resolved against {@code replicas}. */
    record Bounds(int maxSurge, int maxUnavailable) {
        static Bounds of(Deployment d) {
            int replicas = replicas(d);
            DeploymentStrategy s = d.spec().strategy();
            if (s == null || s.rollingUpdate() == null || DeploymentStrategy.RECREATE.equals(s.type())) {
                return new Bounds(0, 0);
            }
            int surge = resolve(s.rollingUpdate().maxSurge(), replicas, true);
            int unavailable = resolve(s.rollingUpdate().maxUnavailable(), replicas, false);
            return surge == 0 && unavailable == 0 ? new Bounds(0, 1) : new Bounds(surge, unavailable);
        }

        private static int resolve(IntOrString v, int replicas, boolean roundUp) {
            return v == null ? 0 : v.scaledValue(replicas, roundUp);
        }
    }

    static int replicas(Deployment d) {
        return d.spec().replicas() == null ? 1 : d.spec().replicas();
    }

    static int specReplicas(ReplicaSet rs) {
        return rs.spec().replicas() == null ? 0 : rs.spec().replicas();
    }

    static int available(ReplicaSet rs) {
        return rs.status().availableReplicas() == null ? 0 : rs.status().availableReplicas();
    }

    /**
     * The next replicas of each ReplicaSet (by name), rolling: {@code newRs} grows, or, when it
     * cannot grow now, {@code old} shrink (one step per call, as Kubernetes does). Every
     * ReplicaSet is in the result, changed or not.
     */
    static Map<String, Integer> rolling(Deployment d, ReplicaSet newRs, List<ReplicaSet> old) {
        int replicas = replicas(d);
        Bounds b = Bounds.of(d);
        Map<String, Integer> next = new LinkedHashMap<>();
        old.forEach(rs -> next.put(rs.metadata().name(), specReplicas(rs)));
        int current = specReplicas(newRs) + old.stream().mapToInt(RolloutPlan::specReplicas).sum();
        int newReplicas = specReplicas(newRs);
        if (newReplicas > replicas) {
            newReplicas = replicas;
        } else if (current < replicas + b.maxSurge()) {
            newReplicas = Math.min(replicas, newReplicas + replicas + b.maxSurge() - current);
        }
        next.put(newRs.metadata().name(), newReplicas);
        if (newReplicas == specReplicas(newRs)) {
            scaleDownOld(d, b, newRs, old, next);
        }
        return next;
    }

    private static void scaleDownOld(Deployment d, Bounds b, ReplicaSet newRs, List<ReplicaSet> old,
                                     Map<String, Integer> next) {
        int minAvailable = replicas(d) - b.maxUnavailable();
        int newUnavailable = Math.max(0, specReplicas(newRs) - available(newRs));
        int all = specReplicas(newRs) + old.stream().mapToInt(RolloutPlan::specReplicas).sum();
        int budget = Math.max(0, all - minAvailable - newUnavailable);
        if (budget == 0) {
            return;
        }
        List<ReplicaSet> oldestFirst = new ArrayList<>(old);
        oldestFirst.sort(Comparator.comparing((ReplicaSet rs) -> rs.metadata().creationTimestamp(),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(rs -> rs.metadata().name()));
        // Unavailable old pods first: removing them costs no availability.
        for (ReplicaSet rs : oldestFirst) {
            int unhealthy = Math.max(0, specReplicas(rs) - available(rs));
            int cut = Math.min(unhealthy, budget);
            next.put(rs.metadata().name(), specReplicas(rs) - cut);
            budget -= cut;
        }
        // Then available ones, as far as availability allows.
        int available = available(newRs) + old.stream().mapToInt(RolloutPlan::available).sum();
        int allowed = Math.max(0, available - minAvailable);
        for (ReplicaSet rs : oldestFirst) {
            int cut = Math.min(next.get(rs.metadata().name()), allowed);
            next.put(rs.metadata().name(), next.get(rs.metadata().name()) - cut);
            allowed -= cut;
        }
    }

    /** Recreate: every old ReplicaSet to 0; the new one to replicas once no old pod is left. */
    static Map<String, Integer> recreate(Deployment d, ReplicaSet newRs, List<ReplicaSet> old, boolean oldPodsLeft) {
        Map<String, Integer> next = new LinkedHashMap<>();
        old.forEach(rs -> next.put(rs.metadata().name(), 0));
        next.put(newRs.metadata().name(), oldPodsLeft ? specReplicas(newRs) : replicas(d));
        return next;
    }
}
