package dev.jk8s.scheduler.framework;

import dev.jk8s.api.core.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scheduling decision, pure: run the profile's filters on every node (a node's verdict is the
 * first failing filter's), then, when more than one node is feasible, sum each score plugin's
 * normalised score times its weight and pick the highest. Ties go to the node whose name sorts
 * first, so a decision is reproducible (Kubernetes picks among ties at random).
 */
public final class SchedulingCycle {

    private SchedulingCycle() {
    }

    public static ScheduleResult schedule(Pod pod, Snapshot snapshot, Profile profile) {
        return schedule(pod, snapshot, profile, 0);
    }

    /**
     * As Kubernetes does on large clusters: the filters stop once {@link #feasibleNodesToFind}
     * nodes fit, and only those are scored; {@code start} rotates where the search begins (the
     * caller advances it), so that every node gets its turn. A pod that fits nowhere still gets
     * every node's verdict.
     */
    public static ScheduleResult schedule(Pod pod, Snapshot snapshot, Profile profile, int start) {
        List<NodeInfo> all = snapshot.nodes();
        int enough = feasibleNodesToFind(all.size());
        List<NodeInfo> feasible = new ArrayList<>();
        Map<String, List<String>> failures = new LinkedHashMap<>();
        for (int i = 0; i < all.size() && feasible.size() < enough; i++) {
            NodeInfo node = all.get(Math.floorMod(start + i, all.size()));
            Status status = filter(pod, node, snapshot, profile);
            if (status.isSuccess()) {
                feasible.add(node);
            } else {
                failures.put(node.name(), status.reasons());
            }
        }
        if (feasible.isEmpty()) {
            return new FitError(snapshot.size(), failures);
        }
        if (feasible.size() == 1) {
            return new ScheduleResult.Scheduled(feasible.get(0).name(), List.of());
        }
        List<ScheduleResult.NodeScore> totals = score(pod, feasible, snapshot, profile);
        return new ScheduleResult.Scheduled(best(totals), totals);
    }

    /**
     * Kubernetes' percentageOfNodesToScore: every node up to 100; beyond, 50% minus 1% per 125
     * nodes, at least 5% and at least 100 nodes (1,000 nodes: 420).
     */
    static int feasibleNodesToFind(int nodes) {
        if (nodes <= 100) {
            return nodes;
        }
        int percent = Math.max(5, 50 - nodes / 125);
        return Math.max(100, nodes * percent / 100);
    }

    /** The first failing filter's status, or success when every filter passes. */
    public static Status filter(Pod pod, NodeInfo node, Snapshot snapshot, Profile profile) {
        for (FilterPlugin f : profile.filters()) {
            Status s = f.filter(pod, node, snapshot);
            if (!s.isSuccess()) {
                return s;
            }
        }
        return Status.SUCCESS;
    }

    /** Each node's weighted sum of normalised scores, over the given (feasible) nodes, in their order. */
    public static List<ScheduleResult.NodeScore> score(Pod pod, List<NodeInfo> nodes, Snapshot snapshot, Profile profile) {
        long[] totals = new long[nodes.size()];
        long[] raw = new long[nodes.size()];
        for (Profile.WeightedScore ws : profile.scores()) {
            if (ws.weight() == 0) {
                continue;
            }
            for (int i = 0; i < raw.length; i++) {
                raw[i] = ws.plugin().score(pod, nodes.get(i), snapshot);
            }
            long[] normalized = ws.plugin().normalize(raw);
            for (int i = 0; i < totals.length; i++) {
                totals[i] += normalized[i] * ws.weight();
            }
        }
        List<ScheduleResult.NodeScore> scores = new ArrayList<>(totals.length);
        for (int i = 0; i < totals.length; i++) {
            scores.add(new ScheduleResult.NodeScore(nodes.get(i).name(), totals[i]));
        }
        return scores;
    }

    private static String best(List<ScheduleResult.NodeScore> scores) {
        ScheduleResult.NodeScore best = scores.get(0);
        for (ScheduleResult.NodeScore s : scores) {
            if (s.score() > best.score() || (s.score() == best.score() && s.node().compareTo(best.node()) < 0)) {
                best = s;
            }
        }
        return best.node();
    }
}
