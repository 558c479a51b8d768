package dev.jk8s.controllermanager.controller;

import dev.jk8s.api.Condition;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** What controllers ask of a pod, as Kubernetes' controller utilities answer it. Pure. */
public final class Pods {

    private Pods() {
    }

    /** Counts towards replicas: not finished and not being deleted. */
    public static boolean isActive(Pod pod) {
        return !pod.status().isTerminal() && !pod.metadata().isTerminating();
    }

    public static boolean isReady(Pod pod) {
        return ready(pod).map(Condition::isTrue).orElse(false);
    }

    /** Ready for at least {@code minReadySeconds} at {@code now}. */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        Instant since = readySince(pod);
        return minReadySeconds == 0 || since != null && !since.plusSeconds(minReadySeconds).isAfter(now);
    }

    /** When the pod became Ready; null when unknown. */
    public static Instant readySince(Pod pod) {
        return ready(pod).map(Condition::lastTransitionTime).orElse(null);
    }

    private static Optional<Condition> ready(Pod pod) {
        return Condition.find(pod.status().conditions(), "Ready");
    }

    /**
     * Kubernetes' order for scaling down, the pod to delete first first: unassigned before
     * assigned, Pending before Unknown before Running, not ready before ready, ready for less time
     * before longer, more restarts before fewer, newer before older.
     */
    public static final Comparator<Pod> DELETE_FIRST = Comparator
            .comparing((Pod p) -> p.spec().nodeName() != null && !p.spec().nodeName().isEmpty())
            .thenComparingInt(Pods::phaseRank)
            .thenComparing(Pods::isReady)
            .thenComparing(Pods::readySince, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).reversed())
            .thenComparing(Comparator.comparingInt(Pods::restarts).reversed())
            .thenComparing(p -> p.metadata().creationTimestamp(), Comparator.nullsLast(Comparator.<Instant>naturalOrder()).reversed());

    private static int phaseRank(Pod p) {
        String phase = p.status().phase();
        return "Pending".equals(phase) || phase == null ? 0 : "Unknown".equals(phase) ? 1 : 2;
    }

    private static int restarts(Pod p) {
        return p.status().containerStatuses().stream().map(ContainerStatus::restartCount)
                .mapToInt(r -> r == null ? 0 : r).max().orElse(0);
    }

    /** How long until {@code pod} becomes available, if it is ready but not yet available. */
    public static Optional<Duration> untilAvailable(Pod pod, int minReadySeconds, Instant now) {
        Instant since = readySince(pod);
        if (!isReady(pod) || since == null || isAvailable(pod, minReadySeconds, now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, since.plusSeconds(minReadySeconds)));
    }
}
