package dev.jk8s.scheduler.plugins.noderesources;

import dev.jk8s.api.core.Pod;
import dev.jk8s.scheduler.framework.FilterPlugin;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Resources;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * The pod's requests must fit in what the node's pods leave of its allocatable cpu, memory and
 * pod count. Reports every shortfall ("Too many pods", "Insufficient cpu", "Insufficient memory").
 * A resource the pod does not request is not checked, as in Kubernetes.
 */
public final class NodeResourcesFit implements FilterPlugin {

    public static final String NAME = "NodeResourcesFit";
    public static final String TOO_MANY_PODS = "Too many pods";
    public static final String INSUFFICIENT_CPU = "Insufficient cpu";
    public static final String INSUFFICIENT_MEMORY = "Insufficient memory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(Pod pod, NodeInfo node, Snapshot snapshot) {
        List<String> reasons = new ArrayList<>();
        if (node.podCount() + 1 > node.allowedPodNumber()) {
            reasons.add(TOO_MANY_PODS);
        }
        Resources want = Resources.requests(pod);
        Resources free = free(node);
        if (want.milliCpu() > 0 && want.milliCpu() > free.milliCpu()) {
            reasons.add(INSUFFICIENT_CPU);
        }
        if (want.memory() > 0 && want.memory() > free.memory()) {
            reasons.add(INSUFFICIENT_MEMORY);
        }
        return reasons.isEmpty() ? Status.SUCCESS : Status.unschedulable(reasons.toArray(String[]::new));
    }

    private static Resources free(NodeInfo node) {
        Resources a = node.allocatable();
        Resources used = node.requested();
        return new Resources(a.milliCpu() - used.milliCpu(), a.memory() - used.memory());
    }
}
