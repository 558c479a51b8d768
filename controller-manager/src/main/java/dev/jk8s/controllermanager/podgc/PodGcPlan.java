package dev.jk8s.controllermanager.podgc;

import dev.jk8s.api.core.Pod;
import java.time.Duration;
import java.time.Instant;

/**
 * What Kubernetes' pod garbage collector does with one pod, decided without I/O: a pod bound to
 * a Node that no longer exists is force-deleted once the Node has been seen missing for the
 * quarantine (so that a node registering late is not raced), and a pod being deleted that was
 * never bound has no kubelet to finish it, so it goes at once. Everything else is kept.
 */
final class PodGcPlan {

    /** Kubernetes' quarantine for orphans. */
    static final Duration QUARANTINE = Duration.ofSeconds(40);

    /** The decision: delete now, keep, or look again after {@code lookAgainIn}. */
    record Decision(boolean delete, Duration lookAgainIn, String reason) {
        static final Decision KEEP = new Decision(false, null, null);
    }

    private PodGcPlan() {
    }

    /**
     * @param nodeExists   whether the pod's Node exists (ignored for a pod not bound)
     * @param missingSince when the Node was first seen missing, null if it exists
     */
    static Decision decide(Pod pod, boolean nodeExists, Instant missingSince, Instant now) {
        String node = pod.spec().nodeName();
        if (node == null || node.isEmpty()) {
            return pod.metadata().isTerminating()
                    ? new Decision(true, null, "it is being deleted and was never bound to a node") : Decision.KEEP;
        }
        if (nodeExists) {
            return Decision.KEEP;
        }
        Duration missing = Duration.between(missingSince, now);
        if (missing.compareTo(QUARANTINE) < 0) {
            return new Decision(false, QUARANTINE.minus(missing), null);
        }
        return new Decision(true, null, "its node " + node + " no longer exists");
    }
}
