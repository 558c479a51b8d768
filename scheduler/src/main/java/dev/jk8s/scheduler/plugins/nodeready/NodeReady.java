package dev.jk8s.scheduler.plugins.nodeready;

import dev.jk8s.api.core.Pod;
import dev.jk8s.scheduler.framework.FilterPlugin;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.framework.Status;

/**
 * Keeps pods off nodes whose Ready condition is missing or not True. Kubernetes does this through
 * the {@code node.kubernetes.io/not-ready} taint that its node lifecycle controller sets; until ours
 * exists, this filter stands in (and a tainted node is reported by TaintToleration first).
 */
public final class NodeReady implements FilterPlugin {

    public static final String NAME = "NodeReady";
    public static final String REASON = "node(s) were not ready";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(Pod pod, NodeInfo node, Snapshot snapshot) {
        return node.isReady() ? Status.SUCCESS : Status.unresolvable(REASON);
    }
}
