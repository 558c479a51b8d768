package dev.jk8s.scheduler.plugins.nodeunschedulable;

import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Taint;
import dev.jk8s.scheduler.framework.FilterPlugin;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.framework.Status;

/** Keeps pods off cordoned nodes ({@code spec.unschedulable}) unless they tolerate the unschedulable taint. */
public final class NodeUnschedulable implements FilterPlugin {

    public static final String NAME = "NodeUnschedulable";
    public static final String REASON = "node(s) were unschedulable";
    static final Taint UNSCHEDULABLE = Taint.of("node.kubernetes.io/unschedulable", "", Taint.NO_SCHEDULE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(Pod pod, NodeInfo node, Snapshot snapshot) {
        if (!node.node().spec().isUnschedulable()
                || pod.spec().tolerations().stream().anyMatch(t -> t.tolerates(UNSCHEDULABLE))) {
            return Status.SUCCESS;
        }
        return Status.unresolvable(REASON);
    }
}
