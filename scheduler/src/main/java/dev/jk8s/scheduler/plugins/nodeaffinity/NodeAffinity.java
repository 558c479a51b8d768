package dev.jk8s.scheduler.plugins.nodeaffinity;

import dev.jk8s.api.core.Affinity;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PreferredSchedulingTerm;
import dev.jk8s.scheduler.framework.FilterPlugin;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.NodeScores;
import dev.jk8s.scheduler.framework.ScorePlugin;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.framework.Status;
import java.util.List;
import java.util.Map;

/**
 * Filter: the node's labels must hold every {@code nodeSelector} pair and match the required node
 * affinity. Score: the sum of the weights of the preferred terms the node matches, scaled so that
 * the best node gets 100.
 */
public final class NodeAffinity implements FilterPlugin, ScorePlugin {

    public static final String NAME = "NodeAffinity";
    public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(Pod pod, NodeInfo node, Snapshot snapshot) {
        Map<String, String> labels = node.labels();
        boolean selector = true;
        for (Map.Entry<String, String> e : pod.spec().nodeSelector().entrySet()) {
            selector &= e.getValue().equals(labels.get(e.getKey()));
        }
        var na = nodeAffinity(pod);
        boolean required = na == null || na.requiredDuringSchedulingIgnoredDuringExecution() == null
                || NodeSelectors.matches(na.requiredDuringSchedulingIgnoredDuringExecution(), node.node());
        return selector && required ? Status.SUCCESS : Status.unresolvable(REASON);
    }

    @Override
    public long score(Pod pod, NodeInfo node, Snapshot snapshot) {
        var na = nodeAffinity(pod);
        List<PreferredSchedulingTerm> preferred = na == null ? List.of() : na.preferredDuringSchedulingIgnoredDuringExecution();
        if (preferred.isEmpty()) {
            return 0;
        }
        return preferred.stream().filter(t -> NodeSelectors.matches(t.preference(), node.node()))
                .mapToLong(t -> t.weight() == null ? 0 : t.weight()).sum();
    }

    @Override
    public long[] normalize(long[] scores) {
        return NodeScores.byMax(scores, false);
    }

    private static dev.jk8s.api.core.NodeAffinity nodeAffinity(Pod pod) {
        Affinity a = pod.spec().affinity();
        return a == null ? null : a.nodeAffinity();
    }
}
