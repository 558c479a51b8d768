package dev.jk8s.scheduler.framework;

import dev.jk8s.api.core.Pod;

/**
 * Decides whether a pod may run on one node. Implementations are pure and stateless: they read
 * only their arguments (never mutate them) and may be called from any thread.
 */
public interface FilterPlugin {

    /** The plugin's name as Kubernetes' scheduler configuration names it, e.g. {@code NodeResourcesFit}. */
    String name();

    /** {@link Status#SUCCESS} when the pod may run on the node, else a failure with constant reasons. */
    Status filter(Pod pod, NodeInfo node, Snapshot snapshot);
}
