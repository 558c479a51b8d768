package dev.jk8s.api.core;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Values;
import java.time.Instant;
import java.util.List;

/**
 * What the kubelet last observed of a pod: its {@code phase}, conditions (PodScheduled,
 * Initialized, ContainersReady, Ready), addresses and each container's state. Written only
 * through the status path, by the scheduler (PodScheduled) and the kubelet. Lists are never null.
 */
public record PodStatus(
        String phase,
        List<Condition> conditions,
        String message,
        String reason,
        String hostIP,
        String podIP,
        List<PodIP> podIPs,
        Instant startTime,
        List<ContainerStatus> initContainerStatuses,
        List<ContainerStatus> containerStatuses,
        String qosClass) {

    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String UNKNOWN = "Unknown";

    public static final PodStatus EMPTY =
            new PodStatus(null, null, null, null, null, null, null, null, null, null, null);

    public PodStatus {
        conditions = Values.list(conditions);
        podIPs = Values.list(podIPs);
        initContainerStatuses = Values.list(initContainerStatuses);
        containerStatuses = Values.list(containerStatuses);
    }

    public PodStatus withPhase(String phase) {
        return new PodStatus(phase, conditions, message, reason, hostIP, podIP, podIPs, startTime,
                initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withConditions(List<Condition> conditions) {
        return new PodStatus(phase, conditions, message, reason, hostIP, podIP, podIPs, startTime,
                initContainerStatuses, containerStatuses, qosClass);
    }

    /** Whether the pod has finished for good (Succeeded or Failed). */
    public boolean isTerminal() {
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }
}
