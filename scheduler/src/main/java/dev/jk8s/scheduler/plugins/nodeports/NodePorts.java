package dev.jk8s.scheduler.plugins.nodeports;

import dev.jk8s.api.core.Pod;
import dev.jk8s.scheduler.framework.FilterPlugin;
import dev.jk8s.scheduler.framework.HostPort;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.framework.Status;

/** The pod's host ports must be free on the node (same protocol and port, overlapping address). */
public final class NodePorts implements FilterPlugin {

    public static final String NAME = "NodePorts";
    public static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(Pod pod, NodeInfo node, Snapshot snapshot) {
        if (node.usedPorts().isEmpty()) {
            return Status.SUCCESS;
        }
        boolean conflict = HostPort.of(pod).stream()
                .anyMatch(wanted -> node.usedPorts().stream().anyMatch(wanted::conflictsWith));
        return conflict ? Status.unschedulable(REASON) : Status.SUCCESS;
    }
}
