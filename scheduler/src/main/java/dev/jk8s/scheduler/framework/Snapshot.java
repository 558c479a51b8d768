package dev.jk8s.scheduler.framework;

import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster as one scheduling cycle sees it: every node with the pods bound (or assumed) to it,
 * in node-name order, plus namespace labels for pod affinity's {@code namespaceSelector}. Finished
 * pods (Succeeded, Failed) and pods naming an unknown node hold nothing and are left out.
 * Immutable and thread-safe.
 *
 * <p>Building one is O(nodes) reference copies when the {@link NodeInfo}s exist already (the
 * scheduler's cache keeps them up to date); {@link #of(Collection, Collection)} builds them from
 * scratch, for tests and tools.
 */
public final class Snapshot {

    private final List<NodeInfo> nodeList;
    private final List<Placed> withAffinity;
    private final Map<String, Map<String, String>> namespaceLabels;

    /** A pod on a node of the snapshot. */
    public record Placed(Pod pod, NodeInfo node) {
    }

    private Snapshot(List<NodeInfo> sortedNodes, Map<String, Map<String, String>> namespaceLabels) {
        this.nodeList = List.copyOf(sortedNodes);
        // Most pods have no inter-pod terms: the affinity plugins look only at those that do,
        // which makes a decision cost O(nodes), not O(nodes x pods).
        List<Placed> placed = new ArrayList<>();
        for (NodeInfo n : nodeList) {
            for (Pod p : n.podsWithAffinity()) {
                placed.add(new Placed(p, n));
            }
        }
        this.withAffinity = List.copyOf(placed);
        this.namespaceLabels = Map.copyOf(namespaceLabels);
    }

    public static Snapshot of(Collection<Node> nodes, Collection<Pod> pods) {
        return of(nodes, pods, Map.of());
    }

    /** Groups the pods by {@code spec.nodeName}; {@code namespaceLabels}: namespace name → its labels. */
    public static Snapshot of(Collection<Node> nodes, Collection<Pod> pods,
                              Map<String, Map<String, String>> namespaceLabels) {
        Map<String, Node> byName = new TreeMap<>();
        nodes.forEach(n -> byName.put(n.metadata().name(), n));
        Map<String, List<Pod>> podsByNode = new HashMap<>();
        for (Pod p : pods) {
            String node = p.spec().nodeName();
            if (node != null && byName.containsKey(node) && !p.status().isTerminal()) { // pending pods count nowhere
                podsByNode.computeIfAbsent(p.spec().nodeName(), k -> new ArrayList<>()).add(p);
            }
        }
        List<NodeInfo> infos = new ArrayList<>();
        byName.forEach((name, n) -> infos.add(NodeInfo.of(n, podsByNode.getOrDefault(name, List.of()))));
        return new Snapshot(infos, namespaceLabels);
    }

    /** From NodeInfos already built; {@code sortedNodes} must be in node-name order, names unique. */
    public static Snapshot ofNodeInfos(List<NodeInfo> sortedNodes, Map<String, Map<String, String>> namespaceLabels) {
        return new Snapshot(sortedNodes, namespaceLabels);
    }

    /** Every node, in name order. */
    public List<NodeInfo> nodes() {
        return nodeList;
    }

    /** The placed pods that have pod affinity or anti-affinity terms, with their nodes. */
    public List<Placed> podsWithAffinity() {
        return withAffinity;
    }

    /** The node named {@code nodeName}: a binary search of the name-ordered nodes. */
    public Optional<NodeInfo> get(String nodeName) {
        int lo = 0;
        int hi = nodeList.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = nodeList.get(mid).name().compareTo(nodeName);
            if (c == 0) {
                return Optional.of(nodeList.get(mid));
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    public int size() {
        return nodeList.size();
    }

    /** The labels of a namespace; empty when unknown. */
    public Map<String, String> namespaceLabels(String namespace) {
        return namespaceLabels.getOrDefault(namespace, Map.of());
    }
}
