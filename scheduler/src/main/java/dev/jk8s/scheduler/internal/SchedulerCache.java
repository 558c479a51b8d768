package dev.jk8s.scheduler.internal;

import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.informer.Keys;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scheduler's view of where pods run, kept up to date by the informers' events and by the
 * scheduler's own decisions, so that a scheduling cycle gets its {@link Snapshot} without
 * regrouping every pod of the cluster: a change rebuilds only the {@link NodeInfo} of the node it
 * touches (O(pods on that node)), and a new snapshot is O(nodes) reference copies.
 *
 * <p>A pod counts on a node when the informer shows it bound there and not finished, or, until
 * then, when the scheduler has <em>assumed</em> it there: an assumed pod counts from the decision
 * on, so the next pod is scheduled without waiting for the binding's round trip and two pods never
 * take the same last CPU. An assumption ends when the informer shows the pod bound (or gone),
 * when its binding fails ({@link #forget}), or after {@code ttl} as a safety net. Pods naming a
 * node the cache does not know are remembered and count once that node appears.
 *
 * <p>Thread-safe: the informers' threads write, the scheduling thread takes snapshots.
 */
public final class SchedulerCache {

    private record Assumed(Pod pod, Instant at) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Node> nodes = new HashMap<>();
    /** Pods the informer shows bound and not finished, by key. */
    private final Map<String, Pod> bound = new HashMap<>();
    /** In the order assumed, so that expiry looks only at the oldest. */
    private final Map<String, Assumed> assumed = new LinkedHashMap<>();
    /** The pod each key counts as (bound, else assumed), by node name, then key. */
    private final Map<String, Map<String, Pod>> podsByNode = new HashMap<>();
    /** NodeInfos in name order, up to date except for the nodes in {@link #dirty}; and each one's index. */
    private final List<NodeInfo> ordered = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();
    /** Nodes added or removed since the last snapshot: {@link #ordered} is rebuilt. */
    private boolean nodeSetChanged;
    private final Set<String> dirty = new HashSet<>();
    /** Namespace name → its labels, for pod affinity's namespaceSelector; replaced whole on a change. */
    private Map<String, Map<String, String>> namespaceLabels = Map.of();
    private boolean namespacesChanged;
    private Snapshot last = Snapshot.ofNodeInfos(List.of(), Map.of());

    public SchedulerCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The informer shows {@code pod} (added or changed). */
    public synchronized void putPod(Pod pod) {
        String key = Keys.of(pod);
        Pod before = counted(key);
        if (isBound(pod)) {
            assumed.remove(key); // the informer has caught up with the binding
            if (pod.status().isTerminal()) {
                bound.remove(key); // a finished pod frees its node
            } else {
                bound.put(key, pod);
            }
        } else {
            bound.remove(key);
        }
        recount(key, before);
    }

    /** The informer no longer shows {@code pod}. */
    public synchronized void removePod(Pod pod) {
        String key = Keys.of(pod);
        Pod before = counted(key);
        bound.remove(key);
        assumed.remove(key);
        recount(key, before);
    }

    /** The scheduler decided to bind {@code pod} to {@code node}: it counts there from now on. */
    public synchronized void assume(Pod pod, String node) {
        String key = Keys.of(pod);
        Pod before = counted(key);
        assumed.remove(key); // to the end of the order
        assumed.put(key, new Assumed(pod.withSpec(pod.spec().withNodeName(node)), clock.instant()));
        recount(key, before);
    }

    /** The binding of {@code key} failed: its assumption no longer counts. */
    public synchronized void forget(String key) {
        Pod before = counted(key);
        assumed.remove(key);
        recount(key, before);
    }

    public synchronized void putNode(Node node) {
        nodeSetChanged |= nodes.put(node.metadata().name(), node) == null;
        dirty.add(node.metadata().name());
    }

    public synchronized void removeNode(Node node) {
        nodeSetChanged |= nodes.remove(node.metadata().name()) != null;
        dirty.add(node.metadata().name());
    }

    /** A namespace's labels, as the informer shows them. */
    public synchronized void putNamespace(String name, Map<String, String> labels) {
        if (!labels.equals(namespaceLabels.get(name))) {
            Map<String, Map<String, String>> next = new HashMap<>(namespaceLabels);
            next.put(name, Map.copyOf(labels));
            namespaceLabels = Map.copyOf(next);
            namespacesChanged = true;
        }
    }

    public synchronized void removeNamespace(String name) {
        if (namespaceLabels.containsKey(name)) {
            Map<String, Map<String, String>> next = new HashMap<>(namespaceLabels);
            next.remove(name);
            namespaceLabels = Map.copyOf(next);
            namespacesChanged = true;
        }
    }

    /** How many assumed pods wait for the informer to show them bound. */
    public synchronized int assumedCount() {
        return assumed.size();
    }

    /**
     * The cluster now. Expired assumptions are dropped and the NodeInfos of changed nodes
     * rebuilt; when nothing changed, the previous snapshot is returned.
     */
    public synchronized Snapshot snapshot() {
        expireAssumptions();
        if (dirty.isEmpty() && !namespacesChanged) {
            return last;
        }
        if (nodeSetChanged) {
            rebuildOrder();
        } else {
            dirty.stream().filter(nodes::containsKey) // pods may name nodes not (yet) known
                    .forEach(name -> ordered.set(position.get(name), info(name)));
        }
        dirty.clear();
        namespacesChanged = false;
        last = Snapshot.ofNodeInfos(ordered, namespaceLabels);
        return last;
    }

    private void rebuildOrder() {
        Map<String, NodeInfo> byName = new TreeMap<>();
        ordered.forEach(n -> byName.put(n.name(), n));
        byName.keySet().retainAll(nodes.keySet());
        dirty.stream().filter(nodes::containsKey).forEach(name -> byName.put(name, info(name)));
        ordered.clear();
        position.clear();
        byName.values().forEach(n -> {
            position.put(n.name(), ordered.size());
            ordered.add(n);
        });
        nodeSetChanged = false;
    }

    private NodeInfo info(String node) {
        return NodeInfo.of(nodes.get(node), List.copyOf(podsByNode.getOrDefault(node, Map.of()).values()));
    }

    private void expireAssumptions() {
        if (assumed.isEmpty()) {
            return;
        }
        Instant deadline = clock.instant().minus(ttl);
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Assumed> e : assumed.entrySet()) {
            if (!e.getValue().at().isBefore(deadline)) {
                break; // the rest are younger
            }
            expired.add(e.getKey());
        }
        expired.forEach(this::forget);
    }

    private Pod counted(String key) {
        Pod p = bound.get(key);
        if (p != null) {
            return p;
        }
        Assumed a = assumed.get(key);
        return a == null ? null : a.pod();
    }

    /** Moves {@code key} from where it counted ({@code before}) to where it counts now. */
    private void recount(String key, Pod before) {
        Pod after = counted(key);
        if (after == before) {
            return;
        }
        if (before != null) {
            String node = before.spec().nodeName();
            Map<String, Pod> onNode = podsByNode.get(node);
            onNode.remove(key);
            if (onNode.isEmpty()) {
                podsByNode.remove(node);
            }
            dirty.add(node);
        }
        if (after != null) {
            podsByNode.computeIfAbsent(after.spec().nodeName(), n -> new LinkedHashMap<>()).put(key, after);
            dirty.add(after.spec().nodeName());
        }
    }

    private static boolean isBound(Pod pod) {
        return pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty();
    }
}
