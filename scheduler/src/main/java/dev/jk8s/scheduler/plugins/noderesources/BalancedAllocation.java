package dev.jk8s.scheduler.plugins.noderesources;

import dev.jk8s.api.core.Pod;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Resources;
import dev.jk8s.scheduler.framework.ScorePlugin;
import dev.jk8s.scheduler.framework.Snapshot;

/**
 * Prefers nodes whose cpu and memory would be used in the same proportion after adding the pod:
 * {@code (1 - standard deviation of the used fractions) * 100}, with fractions capped at 1 and a
 * resource the node does not report left out. Counts requests as written. Already 0..100.
 */
public final class BalancedAllocation implements ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(Pod pod, NodeInfo node, Snapshot snapshot) {
        Resources requested = node.requested().plus(Resources.requests(pod));
        Resources allocatable = node.allocatable();
        if (allocatable.milliCpu() == 0 || allocatable.memory() == 0) {
            return MAX_SCORE; // one fraction or none: nothing to balance
        }
        double cpu = fraction(requested.milliCpu(), allocatable.milliCpu());
        double memory = fraction(requested.memory(), allocatable.memory());
        double std = Math.abs(cpu - memory) / 2;
        return (long) ((1 - std) * MAX_SCORE);
    }

    private static double fraction(long requested, long allocatable) {
        return Math.min(1.0, (double) requested / allocatable);
    }
}
