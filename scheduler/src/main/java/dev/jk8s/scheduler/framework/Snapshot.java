package dev.jk8s.scheduler.framework;

import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster as one scheduling cycle sees it: every node with the pods bound (or assumed) to it,
 * in node-name order, plus namespace labels for pod affinity's {@code namespaceSelector}. Finished
 * pods (Succeeded, Failed) and pods naming an unknown node hold nothing and are left out.
 * Immutable and thread-safe.
 */
public final class Snapshot {

    private final Map<String, NodeInfo> nodes;
    private final List<NodeInfo> nodeList;
    private final List<Placed> withAffinity;
    private final Map<String, Map<String, String>> namespaceLabels;

    /** A pod on a node of the snapshot. */
    public record Placed(Pod pod, NodeInfo node) {
    }

    private Snapshot(Map<String, NodeInfo> nodes, Map<String, Map<String, String>> namespaceLabels) {
        this.nodes = nodes;
        this.nodeList = List.copyOf(nodes.values());
        // Most pods have no inter-pod terms: the affinity plugins look only at those that do,
        // which makes a decision cost O(nodes), not O(nodes x pods).
        this.withAffinity = nodeList.stream().flatMap(n -> n.pods().stream().map(p -> new Placed(p, n)))
                .filter(x -> x.pod().spec().affinity() != null && (x.pod().spec().affinity().podAffinity() != null
                        || x.pod().spec().affinity().podAntiAffinity() != null))
                .toList();
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
        Map<String, NodeInfo> infos = new LinkedHashMap<>();
        byName.forEach((name, n) -> infos.put(name, NodeInfo.of(n, podsByNode.getOrDefault(name, List.of()))));
        return new Snapshot(Collections.unmodifiableMap(infos), namespaceLabels);
    }

    /** Every node, in name order. */
    public List<NodeInfo> nodes() {
        return nodeList;
    }

    /** The placed pods that have pod affinity or anti-affinity terms, with their nodes. */
    public List<Placed> podsWithAffinity() {
        return withAffinity;
    }

    public Optional<NodeInfo> get(String nodeName) {
        return Optional.ofNullable(nodes.get(nodeName));
    }

    public int size() {
        return nodes.size();
    }

    /** The labels of a namespace; empty when unknown. */
    public Map<String, String> namespaceLabels(String namespace) {
        return namespaceLabels.getOrDefault(namespace, Map.of());
    }
}
