package dev.jk8s.scheduler.plugins.interpodaffinity;

import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodAffinityTerm;
import dev.jk8s.scheduler.framework.FilterPlugin;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.framework.Status;
import java.util.List;

/**
 * Required inter-pod affinity and anti-affinity over any topology key, checked as Kubernetes does
 * and in its order:
 * <ol>
 * <li>affinity: the node must carry every term's topology key, and for every term some pod in the
 *     node's domain must match all terms; except that a pod matching all its own terms may be the
 *     first of its kind when no pod anywhere matches them;</li>
 * <li>anti-affinity: no pod matching a term may be in the node's domain for that term;</li>
 * <li>symmetry: no existing pod's anti-affinity term may match the pod within that pod's domain.</li>
 * </ol>
 * Preferred terms are scored by {@link InterPodAffinityScore}.
 */
public final class InterPodAffinity implements FilterPlugin {

    public static final String NAME = "InterPodAffinity";
    public static final String AFFINITY_REASON = "node(s) didn't match pod affinity rules";
    public static final String ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
    public static final String EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(Pod pod, NodeInfo node, Snapshot snapshot) {
        if (Terms.requiredAffinity(pod).isEmpty() && Terms.requiredAntiAffinity(pod).isEmpty()
                && snapshot.podsWithAffinity().isEmpty()) {
            return Status.SUCCESS; // nobody has terms: nothing to check
        }
        if (!satisfiesAffinity(pod, node, snapshot)) {
            return Status.unresolvable(AFFINITY_REASON);
        }
        if (violatesAntiAffinity(pod, node, snapshot)) {
            return Status.unschedulable(ANTI_AFFINITY_REASON);
        }
        if (violatesExistingAntiAffinity(pod, node, snapshot)) {
            return Status.unschedulable(EXISTING_ANTI_AFFINITY_REASON);
        }
        return Status.SUCCESS;
    }

    private static boolean satisfiesAffinity(Pod pod, NodeInfo node, Snapshot snapshot) {
        List<PodAffinityTerm> terms = Terms.requiredAffinity(pod);
        if (terms.stream().anyMatch(t -> !node.labels().containsKey(t.topologyKey()))) {
            return false;
        }
        boolean everyTermHasAPod = terms.stream().allMatch(t -> snapshot.nodes().stream()
                .anyMatch(n -> Terms.sameDomain(t.topologyKey(), n, node)
                        && n.pods().stream().anyMatch(p -> !Terms.same(p, pod) && matchesAll(terms, pod, p, snapshot))));
        return everyTermHasAPod || (!anyMatchingPod(terms, pod, snapshot) && matchesAll(terms, pod, pod, snapshot));
    }

    /** Whether some pod, on a node carrying one of the terms' topology keys, matches all terms. */
    private static boolean anyMatchingPod(List<PodAffinityTerm> terms, Pod pod, Snapshot snapshot) {
        return snapshot.nodes().stream()
                .filter(n -> terms.stream().anyMatch(t -> n.labels().containsKey(t.topologyKey())))
                .anyMatch(n -> n.pods().stream().anyMatch(p -> !Terms.same(p, pod) && matchesAll(terms, pod, p, snapshot)));
    }

    private static boolean matchesAll(List<PodAffinityTerm> terms, Pod owner, Pod p, Snapshot snapshot) {
        return terms.stream().allMatch(t -> Terms.matches(t, owner, p, snapshot));
    }

    private static boolean violatesAntiAffinity(Pod pod, NodeInfo node, Snapshot snapshot) {
        return Terms.requiredAntiAffinity(pod).stream().anyMatch(t -> snapshot.nodes().stream()
                .anyMatch(n -> Terms.sameDomain(t.topologyKey(), n, node)
                        && n.pods().stream().anyMatch(p -> !Terms.same(p, pod) && Terms.matches(t, pod, p, snapshot))));
    }

    private static boolean violatesExistingAntiAffinity(Pod pod, NodeInfo node, Snapshot snapshot) {
        return snapshot.podsWithAffinity().stream().filter(x -> !Terms.same(x.pod(), pod))
                .anyMatch(x -> Terms.requiredAntiAffinity(x.pod()).stream()
                        .anyMatch(t -> Terms.sameDomain(t.topologyKey(), x.node(), node) && Terms.matches(t, x.pod(), pod, snapshot)));
    }
}
