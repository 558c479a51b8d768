package dev.jk8s.scheduler.plugins.tainttoleration;

import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Taint;
import dev.jk8s.api.core.Toleration;
import dev.jk8s.scheduler.framework.FilterPlugin;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.NodeScores;
import dev.jk8s.scheduler.framework.ScorePlugin;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.framework.Status;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Filter: every NoSchedule and NoExecute taint of the node must be tolerated; the first one that is
 * not is named in the reason ({@code node(s) had untolerated taint {key: value}}). Score: fewer
 * untolerated PreferNoSchedule taints is better (reverse-scaled by the worst node).
 */
public final class TaintToleration implements FilterPlugin, ScorePlugin {

    public static final String NAME = "TaintToleration";

    /** Kubernetes' reason for an untolerated taint. */
    public static String reason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.key() + ": " + Objects.toString(taint.value(), "") + "}";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(Pod pod, NodeInfo node, Snapshot snapshot) {
        if (node.node().spec().taints().isEmpty()) {
            return Status.SUCCESS; // most nodes: no stream per node and pod
        }
        Optional<Taint> untolerated = node.node().spec().taints().stream()
                .filter(t -> Taint.NO_SCHEDULE.equals(t.effect()) || Taint.NO_EXECUTE.equals(t.effect()))
                .filter(t -> !tolerated(t, pod.spec().tolerations()))
                .findFirst();
        return untolerated.map(t -> Status.unresolvable(reason(t))).orElse(Status.SUCCESS);
    }

    @Override
    public long score(Pod pod, NodeInfo node, Snapshot snapshot) {
        if (node.node().spec().taints().isEmpty()) {
            return 0;
        }
        List<Toleration> preferNoSchedule = pod.spec().tolerations().stream()
                .filter(t -> t.effect() == null || t.effect().isEmpty() || Taint.PREFER_NO_SCHEDULE.equals(t.effect()))
                .toList();
        return node.node().spec().taints().stream()
                .filter(t -> Taint.PREFER_NO_SCHEDULE.equals(t.effect()))
                .filter(t -> !tolerated(t, preferNoSchedule))
                .count();
    }

    @Override
    public long[] normalize(long[] scores) {
        return NodeScores.byMax(scores, true);
    }

    private static boolean tolerated(Taint taint, List<Toleration> tolerations) {
        return tolerations.stream().anyMatch(t -> t.tolerates(taint));
    }
}
