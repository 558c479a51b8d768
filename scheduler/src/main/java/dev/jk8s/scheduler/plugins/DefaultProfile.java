package dev.jk8s.scheduler.plugins;

import dev.jk8s.scheduler.framework.Profile;
import dev.jk8s.scheduler.framework.Profile.WeightedScore;
import dev.jk8s.scheduler.plugins.interpodaffinity.InterPodAffinity;
import dev.jk8s.scheduler.plugins.interpodaffinity.InterPodAffinityScore;
import dev.jk8s.scheduler.plugins.nodeaffinity.NodeAffinity;
import dev.jk8s.scheduler.plugins.nodename.NodeName;
import dev.jk8s.scheduler.plugins.nodeports.NodePorts;
import dev.jk8s.scheduler.plugins.nodeready.NodeReady;
import dev.jk8s.scheduler.plugins.noderesources.BalancedAllocation;
import dev.jk8s.scheduler.plugins.noderesources.LeastAllocated;
import dev.jk8s.scheduler.plugins.noderesources.NodeResourcesFit;
import dev.jk8s.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import dev.jk8s.scheduler.plugins.selectorspread.SelectorSpread;
import dev.jk8s.scheduler.plugins.tainttoleration.TaintToleration;
import java.util.List;

/**
 * Kubernetes' default profile, as far as jk8s has the plugins: filters in Kubernetes' order
 * (NodeReady, ours, after TaintToleration, so that a node carrying the not-ready taint is reported
 * by the taint as Kubernetes reports it), and score weights as Kubernetes' defaults: TaintToleration 3,
 * NodeAffinity 2, InterPodAffinity 2, NodeResourcesLeastAllocated 1, NodeResourcesBalancedAllocation 1,
 * SelectorSpread 1 (its weight before PodTopologySpread replaced it).
 */
public final class DefaultProfile {

    public static final Profile PROFILE = create();
    /** The score plugins' default weights, as {@code --score-weight} help shows them. */
    public static final String WEIGHTS = "TaintToleration=3, NodeAffinity=2, InterPodAffinity=2, "
            + "NodeResourcesLeastAllocated=1, NodeResourcesBalancedAllocation=1, SelectorSpread=1";

    private DefaultProfile() {
    }

    private static Profile create() {
        NodeAffinity nodeAffinity = new NodeAffinity();
        TaintToleration taints = new TaintToleration();
        return new Profile(
                List.of(new NodeUnschedulable(), new NodeName(), taints, new NodeReady(), nodeAffinity,
                        new NodePorts(), new NodeResourcesFit(), new InterPodAffinity()),
                List.of(new WeightedScore(taints, 3), new WeightedScore(nodeAffinity, 2),
                        new WeightedScore(new InterPodAffinityScore(), 2), new WeightedScore(new LeastAllocated(), 1),
                        new WeightedScore(new BalancedAllocation(), 1), new WeightedScore(new SelectorSpread(), 1)));
    }
}
