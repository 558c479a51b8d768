package dev.jk8s.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * No node fits the pod: how many nodes there were and, per node, the reasons its filter gave.
 * {@link #message()} is Kubernetes' wording, for the PodScheduled condition and the
 * FailedScheduling event; {@link #nodeReasons()} is for {@code describe}. Immutable.
 */
public record FitError(int numAllNodes, Map<String, List<String>> nodeReasons) implements ScheduleResult {

    /** Kubernetes' message when the cluster has no nodes at all. */
    public static final String NO_NODES_AVAILABLE = "no nodes available to schedule pods";

    public FitError {
        Map<String, List<String>> copy = new TreeMap<>();
        nodeReasons.forEach((node, reasons) -> copy.put(node, List.copyOf(reasons)));
        nodeReasons = Collections.unmodifiableMap(copy);
    }

    /** How many nodes gave each reason (a node with two reasons counts once for each). */
    public Map<String, Integer> reasonCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        nodeReasons.values().forEach(rs -> rs.forEach(r -> counts.merge(r, 1, Integer::sum)));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * {@code 0/5 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, 3 Insufficient cpu.}
     * Each entry is "count reason"; entries are sorted as strings, as Kubernetes' FitError sorts them
     * (so by count's leading digit first, then by reason).
     */
    public String message() {
        if (numAllNodes == 0) {
            return NO_NODES_AVAILABLE;
        }
        List<String> entries = new ArrayList<>();
        reasonCounts().forEach((reason, count) -> entries.add(count + " " + reason));
        Collections.sort(entries);
        String head = "0/" + numAllNodes + " nodes are available:";
        return entries.isEmpty() ? head : head + " " + String.join(", ", entries) + ".";
    }
}
