package dev.jk8s.scheduler.plugins.nodename;

import dev.jk8s.api.core.Pod;
import dev.jk8s.scheduler.framework.FilterPlugin;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.framework.Status;

/** A pod that names its node ({@code spec.nodeName}) fits only that node. */
public final class NodeName implements FilterPlugin {

    public static final String NAME = "NodeName";
    public static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(Pod pod, NodeInfo node, Snapshot snapshot) {
        String wanted = pod.spec().nodeName();
        return wanted == null || wanted.isEmpty() || wanted.equals(node.name()) ? Status.SUCCESS : Status.unresolvable(REASON);
    }
}
