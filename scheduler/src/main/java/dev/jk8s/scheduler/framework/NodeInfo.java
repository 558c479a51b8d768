package dev.jk8s.scheduler.framework;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node as the scheduler sees it: the Node object, the pods on it (bound or assumed) and what
 * they add up to: their requests (for fitting), their non-zero requests (for scoring) and the host
 * ports they hold. Immutable, so a snapshot can be read by many plugins without copying;
 * {@link #withPod} gives a new one.
 */
public final class NodeInfo {

    private final Node node;
    private final List<Pod> pods;
    private final Resources requested;
    private final Resources nonZeroRequested;
    private final List<HostPort> usedPorts;
    private final Resources allocatable;
    private final List<Pod> podsWithAffinity;
    private final long allowedPodNumber;
    private final boolean ready;

    private NodeInfo(Node node, List<Pod> pods) {
        this.node = node;
        this.allocatable = Resources.allocatable(node.status().allocatable(), node.status().capacity()); // parsed once
        Quantity maxPods = node.status().allocatable().getOrDefault("pods", node.status().capacity().get("pods"));
        this.allowedPodNumber = maxPods == null ? 0 : maxPods.value();
        this.ready = Condition.find(node.status().conditions(), "Ready").map(Condition::isTrue).orElse(false);
        this.pods = List.copyOf(pods);
        Resources req = Resources.ZERO;
        Resources nonZero = Resources.ZERO;
        List<HostPort> ports = new ArrayList<>();
        for (Pod p : this.pods) {
            req = req.plus(Resources.requests(p));
            nonZero = nonZero.plus(Resources.nonZeroRequests(p));
            ports.addAll(HostPort.of(p));
        }
        this.requested = req;
        this.nonZeroRequested = nonZero;
        this.usedPorts = List.copyOf(ports);
        this.podsWithAffinity = this.pods.stream().filter(NodeInfo::hasPodAffinityTerms).toList();
    }

    private static boolean hasPodAffinityTerms(Pod p) {
        var affinity = p.spec().affinity();
        return affinity != null && (affinity.podAffinity() != null || affinity.podAntiAffinity() != null);
    }

    public static NodeInfo of(Node node, List<Pod> pods) {
        return new NodeInfo(node, pods);
    }

    /** This node with one more pod on it (e.g. a pod the scheduler has assumed but not yet bound). */
    public NodeInfo withPod(Pod pod) {
        List<Pod> more = new ArrayList<>(pods);
        more.add(pod);
        return new NodeInfo(node, more);
    }

    public String name() {
        return node.metadata().name();
    }

    public Node node() {
        return node;
    }

    public Map<String, String> labels() {
        return node.metadata().labels();
    }

    public List<Pod> pods() {
        return pods;
    }

    /** The pods on this node that have pod affinity or anti-affinity terms (most have none). */
    public List<Pod> podsWithAffinity() {
        return podsWithAffinity;
    }

    public int podCount() {
        return pods.size();
    }

    /** Sum of the pods' requests; a container without a request counts 0. */
    public Resources requested() {
        return requested;
    }

    /** Sum of the pods' requests with Kubernetes' defaults for unset requests (100m, 200Mi). */
    public Resources nonZeroRequested() {
        return nonZeroRequested;
    }

    /** Whether the node's Ready condition is True (missing counts as not ready). */
    public boolean isReady() {
        return ready;
    }

    public List<HostPort> usedPorts() {
        return usedPorts;
    }

    /** Allocatable cpu and memory (capacity when allocatable is not reported; 0 when neither is). */
    public Resources allocatable() {
        return allocatable;
    }

    /** How many pods the node takes: allocatable (else capacity) {@code pods}; 0 when not reported. */
    public long allowedPodNumber() {
        return allowedPodNumber;
    }
}
