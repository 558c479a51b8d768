package dev.jk8s.controllermanager.replicaset;

import dev.jk8s.api.apps.ReplicaSetStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.controllermanager.controller.Pods;
import dev.jk8s.controllermanager.replicaset.ReplicatedKind.Replicas;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a ReplicaSet or ReplicationController ({@link Replicas}, whatever the kind) needs, decided
 * from the active pods it owns: how many to create, which to
 * delete (Kubernetes' order, {@link Pods#DELETE_FIRST}), and the status those pods add up to.
 * At most {@link #BURST} creations or deletions per decision, as Kubernetes' burstReplicas. Pure.
 */
public record ReplicaSetPlan(int create, List<Pod> delete, ReplicaSetStatus status) {

    /** Kubernetes' burstReplicas: the most pods one sync creates or deletes. */
    public static final int BURST = 500;

    public static ReplicaSetPlan of(Replicas rs, List<Pod> owned, Instant now) {
        int diff = owned.size() - rs.replicas();
        List<Pod> delete = diff > 0
                ? owned.stream().sorted(Pods.DELETE_FIRST).limit(Math.min(diff, BURST)).toList()
                : List.of();
        return new ReplicaSetPlan(diff < 0 ? Math.min(-diff, BURST) : 0, delete, status(rs, owned, now));
    }

    /** replicas, fullyLabeledReplicas, readyReplicas, availableReplicas as of the spec's generation. */
    static ReplicaSetStatus status(Replicas rs, List<Pod> owned, Instant now) {
        Map<String, String> templateLabels = rs.template().metadata().labels();
        int minReady = rs.minReadySeconds();
        int fullyLabeled = (int) owned.stream()
                .filter(p -> p.metadata().labels().entrySet().containsAll(templateLabels.entrySet())).count();
        int ready = (int) owned.stream().filter(Pods::isReady).count();
        int available = (int) owned.stream().filter(p -> Pods.isAvailable(p, minReady, now)).count();
        return new ReplicaSetStatus(owned.size(), fullyLabeled, ready, available, rs.metadata().generation(),
                rs.status().conditions());
    }

    /**
     * Kubernetes' slow start: creations go in batches of 1, 2, 4, ... so that a template that
     * cannot be created fails once, not {@code n} times.
     */
    public static List<Integer> batches(int n) {
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        for (int size = 1, left = n; left > 0; size *= 2) {
            int batch = Math.min(size, left);
            out.add(batch);
            left -= batch;
        }
        return out;
    }
}
