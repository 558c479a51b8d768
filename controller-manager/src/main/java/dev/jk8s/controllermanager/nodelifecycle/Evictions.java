package dev.jk8s.controllermanager.nodelifecycle;

import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Taint;
import dev.jk8s.api.core.Toleration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which pods a node's NoExecute taints evict now (Kubernetes' taint manager). A toleration
 * without tolerationSeconds tolerates its taint forever; with one, until the taint's timeAdded
 * plus tolerationSeconds. A pod with no toleration of the not-ready or unreachable taint
 * tolerates it for the default time, as Kubernetes' DefaultTolerationSeconds gives every pod; any
 * other untolerated NoExecute taint evicts at once. Pure.
 */
record Evictions(List<Pod> now, Optional<Duration> nextIn) {

    static Evictions of(List<Taint> taints, List<Pod> pods, Instant now, Duration defaultToleration) {
        List<Taint> noExecute = taints.stream().filter(t -> Taint.NO_EXECUTE.equals(t.effect())).toList();
        List<Pod> evict = new ArrayList<>();
        Instant next = null;
        for (Pod p : pods) {
            Instant deadline = deadline(p, noExecute, defaultToleration);
            if (deadline == null) {
                continue;
            }
            if (!deadline.isAfter(now)) {
                evict.add(p);
            } else if (next == null || deadline.isBefore(next)) {
                next = deadline;
            }
        }
        return new Evictions(evict, next == null ? Optional.empty() : Optional.of(Duration.between(now, next).plusMillis(100)));
    }

    /** When the pod must go because of these taints; null if it tolerates them all forever. */
    private static Instant deadline(Pod pod, List<Taint> noExecute, Duration defaultToleration) {
        Instant earliest = null;
        for (Taint t : noExecute) {
            Instant added = t.timeAdded() == null ? Instant.EPOCH : t.timeAdded();
            Optional<Toleration> tol = pod.spec().tolerations().stream().filter(x -> x.tolerates(t)).findFirst();
            Instant until;
            if (tol.isPresent()) {
                if (tol.get().tolerationSeconds() == null) {
                    continue; // forever
                }
                until = added.plusSeconds(Math.max(0, tol.get().tolerationSeconds()));
            } else if (NodeHealth.UNREACHABLE.equals(t.key()) || NodeHealth.NOT_READY.equals(t.key())) {
                until = added.plus(defaultToleration);
            } else {
                until = added; // not tolerated at all: at once
            }
            earliest = earliest == null || until.isBefore(earliest) ? until : earliest;
        }
        return earliest;
    }
}
