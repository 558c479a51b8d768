package dev.jk8s.scheduler.plugins.noderesources;

import dev.jk8s.api.core.Pod;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Resources;
import dev.jk8s.scheduler.framework.ScorePlugin;
import dev.jk8s.scheduler.framework.Snapshot;

/**
 * Prefers nodes with more room left: per resource {@code (allocatable - requested) * 100 / allocatable}
 * after adding the pod, cpu and memory weighted equally. Counts non-zero requests (100m and 200Mi
 * for a container without requests), so best-effort pods spread too. Already 0..100.
 */
public final class LeastAllocated implements ScorePlugin {

    public static final String NAME = "NodeResourcesLeastAllocated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(Pod pod, NodeInfo node, Snapshot snapshot) {
        Resources requested = node.nonZeroRequested().plus(Resources.nonZeroRequests(pod));
        Resources allocatable = node.allocatable();
        return (free(requested.milliCpu(), allocatable.milliCpu()) + free(requested.memory(), allocatable.memory())) / 2;
    }

    static long free(long requested, long allocatable) {
        if (allocatable == 0 || requested > allocatable) {
            return 0;
        }
        return (allocatable - requested) * MAX_SCORE / allocatable;
    }
}
