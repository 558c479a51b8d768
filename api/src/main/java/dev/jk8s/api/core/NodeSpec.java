package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/** A node's pod address range, whether it is cordoned ({@code unschedulable}), and its taints. */
public record NodeSpec(String podCIDR, Boolean unschedulable, List<Taint> taints) {

    public static final NodeSpec EMPTY = new NodeSpec(null, null, null);

    public NodeSpec {
        taints = Values.list(taints);
    }

    public NodeSpec withUnschedulable(Boolean unschedulable) {
        return new NodeSpec(podCIDR, unschedulable, taints);
    }

    public NodeSpec withTaints(List<Taint> taints) {
        return new NodeSpec(podCIDR, unschedulable, taints);
    }

    public boolean isUnschedulable() {
        return Boolean.TRUE.equals(unschedulable);
    }
}
