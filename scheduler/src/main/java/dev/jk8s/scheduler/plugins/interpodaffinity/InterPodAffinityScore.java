package dev.jk8s.scheduler.plugins.interpodaffinity;

import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodAffinityTerm;
import dev.jk8s.api.core.WeightedPodAffinityTerm;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.NodeScores;
import dev.jk8s.scheduler.framework.ScorePlugin;
import dev.jk8s.scheduler.framework.Snapshot;
import java.util.List;

/**
 * Preferred inter-pod affinity, both ways, as Kubernetes scores it: for every existing pod in the
 * node's domain of a term, add the weight of the pod's preferred affinity terms it matches and
 * subtract those of its anti-affinity terms; likewise for existing pods' preferred terms that the
 * pod matches, and {@value #HARD_POD_AFFINITY_WEIGHT} for each of their required affinity terms.
 * Raw scores may be negative; normalised min–max to 0..100.
 */
public final class InterPodAffinityScore implements ScorePlugin {

    public static final String NAME = "InterPodAffinity";
    /** Kubernetes' default hardPodAffinityWeight. */
    public static final int HARD_POD_AFFINITY_WEIGHT = 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(Pod pod, NodeInfo node, Snapshot snapshot) {
        long score = 0;
        if (!Terms.preferredAffinity(pod).isEmpty() || !Terms.preferredAntiAffinity(pod).isEmpty()) {
            for (NodeInfo n : snapshot.nodes()) {
                for (Pod existing : n.pods()) {
                    if (!Terms.same(existing, pod)) {
                        score += incoming(pod, existing, n, node, snapshot);
                    }
                }
            }
        }
        // Only pods with terms of their own can attract or repel the pod.
        for (Snapshot.Placed x : snapshot.podsWithAffinity()) {
            if (!Terms.same(x.pod(), pod)) {
                score += existing(pod, x.pod(), x.node(), node, snapshot);
            }
        }
        return score;
    }

    /** The pod's own preferred terms about an existing pod on node {@code n}. */
    private static long incoming(Pod pod, Pod existing, NodeInfo n, NodeInfo node, Snapshot s) {
        return weights(Terms.preferredAffinity(pod), pod, existing, n, node, s)
                - weights(Terms.preferredAntiAffinity(pod), pod, existing, n, node, s);
    }

    /** An existing pod's terms about the pod being scheduled. */
    private static long existing(Pod pod, Pod existing, NodeInfo n, NodeInfo node, Snapshot s) {
        long hard = 0;
        for (PodAffinityTerm t : Terms.requiredAffinity(existing)) {
            if (Terms.sameDomain(t.topologyKey(), n, node) && Terms.matches(t, existing, pod, s)) {
                hard += HARD_POD_AFFINITY_WEIGHT;
            }
        }
        return hard + weights(Terms.preferredAffinity(existing), existing, pod, n, node, s)
                - weights(Terms.preferredAntiAffinity(existing), existing, pod, n, node, s);
    }

    /** Sum of the weights of {@code owner}'s terms that {@code target} matches, when {@code n} and {@code node} share the domain. */
    private static long weights(List<WeightedPodAffinityTerm> terms, Pod owner, Pod target,
                                NodeInfo n, NodeInfo node, Snapshot s) {
        long sum = 0;
        for (WeightedPodAffinityTerm w : terms) {
            PodAffinityTerm t = w.podAffinityTerm();
            if (t != null && w.weight() != null && Terms.sameDomain(t.topologyKey(), n, node) && Terms.matches(t, owner, target, s)) {
                sum += w.weight();
            }
        }
        return sum;
    }

    @Override
    public long[] normalize(long[] scores) {
        return NodeScores.minMax(scores);
    }
}
