package dev.jk8s.kubelet.node;

import dev.jk8s.api.Condition;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.core.DaemonEndpoint;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.NodeAddress;
import dev.jk8s.api.core.NodeDaemonEndpoints;
import dev.jk8s.api.core.NodeSpec;
import dev.jk8s.api.core.NodeStatus;
import dev.jk8s.api.core.NodeSystemInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kubelet's decisions about its Node, as pure functions of its configuration, what it
 * observed and the Node as last read: the Node to register, the labels to keep on it, the
 * status to report and whether to post it. No I/O, no clock: tested without threads.
 */
final class NodeStatusPlanner {

    static final String READY = "Ready";
    static final String MEMORY_PRESSURE = "MemoryPressure";
    static final String DISK_PRESSURE = "DiskPressure";
    static final String PID_PRESSURE = "PIDPressure";

    static final String LABEL_HOSTNAME = "kubernetes.io/hostname";
    static final String LABEL_OS = "kubernetes.io/os";
    static final String LABEL_ARCH = "kubernetes.io/arch";

    private static final List<String> OWN_CONDITIONS = List.of(MEMORY_PRESSURE, DISK_PRESSURE, PID_PRESSURE, READY);

    private NodeStatusPlanner() {
    }

    /** The labels the kubelet sets: the configured ones, then hostname, os and arch (which win). */
    static Map<String, String> kubeletLabels(NodeConfig config) {
        Map<String, String> labels = new LinkedHashMap<>(config.labels());
        labels.put(LABEL_HOSTNAME, config.nodeName());
        labels.put(LABEL_OS, "linux");
        labels.put(LABEL_ARCH, config.host().architecture());
        return labels;
    }

    /** The Node the kubelet creates: its labels, the registration taints and {@code status}. */
    static Node registration(NodeConfig config, NodeStatus status) {
        ObjectMeta meta = ObjectMeta.builder().name(config.nodeName()).labels(kubeletLabels(config)).build();
        return new Node(meta, NodeSpec.EMPTY.withTaints(config.taints())).withStatus(status);
    }

    /**
     * The existing Node with the kubelet's labels set (others' labels, spec and taints kept), or
     * empty when they are all there already.
     */
    static Optional<Node> withKubeletLabels(Node existing, NodeConfig config) {
        Map<String, String> labels = new LinkedHashMap<>(existing.metadata().labels());
        labels.putAll(kubeletLabels(config));
        if (labels.equals(existing.metadata().labels())) {
            return Optional.empty();
        }
        return Optional.of(existing.withMetadata(existing.metadata().withLabels(labels)));
    }

    /**
     * The status to report at {@code now}: resources, addresses, versions and the kubelet's endpoint
     * from the configuration; conditions from the runtime's health. Every condition of the kubelet's
     * gets {@code lastHeartbeatTime = now} and keeps the {@code lastTransitionTime} of
     * {@code previous} (empty on registration) while its status stays the same. Conditions others
     * wrote are kept, after the kubelet's.
     */
    static NodeStatus desired(NodeConfig config, RuntimeHealth runtime, NodeStatus previous, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        Map<String, Quantity> resources = Map.of("cpu", config.cpu(), "memory", config.memory(),
                "pods", Quantity.parse(Integer.toString(config.maxPods())));
        List<NodeAddress> addresses = List.of(new NodeAddress("InternalIP", config.address()),
                new NodeAddress("Hostname", config.nodeName()));
        return new NodeStatus(resources, resources, conditions(runtime, previous.conditions(), at), addresses,
                nodeInfo(config.host(), runtime, previous.nodeInfo()),
                new NodeDaemonEndpoints(new DaemonEndpoint(config.kubeletPort())));
    }

    /**
     * Whether to post {@code desired} over {@code current} (the stored status): when anything but
     * heartbeat times differs, or when the last report (the stored Ready's heartbeat) is
     * {@code reportFrequency} old or more.
     */
    static boolean shouldPost(NodeStatus current, NodeStatus desired, Instant now, java.time.Duration reportFrequency) {
        if (!withoutHeartbeats(current).equals(withoutHeartbeats(desired))) {
            return true;
        }
        Instant last = Condition.find(current.conditions(), READY).map(Condition::lastHeartbeatTime).orElse(null);
        return last == null || !now.isBefore(last.plus(reportFrequency));
    }

    private static List<Condition> conditions(RuntimeHealth runtime, List<Condition> previous, Instant now) {
        List<Condition> out = new ArrayList<>();
        out.add(condition(previous, MEMORY_PRESSURE, Condition.FALSE, "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available", now));
        out.add(condition(previous, DISK_PRESSURE, Condition.FALSE, "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure", now));
        out.add(condition(previous, PID_PRESSURE, Condition.FALSE, "KubeletHasSufficientPID",
                "kubelet has sufficient PID available", now));
        out.add(runtime.healthy()
                ? condition(previous, READY, Condition.TRUE, "KubeletReady", "kubelet is posting ready status", now)
                : condition(previous, READY, Condition.FALSE, "KubeletNotReady",
                        "container runtime is down: " + runtime.error(), now));
        previous.stream().filter(c -> !OWN_CONDITIONS.contains(c.type())).forEach(out::add);
        return out;
    }

    private static Condition condition(List<Condition> previous, String type, String status, String reason,
                                       String message, Instant now) {
        Instant since = Condition.find(previous, type)
                .filter(c -> status.equals(c.status()) && c.lastTransitionTime() != null)
                .map(Condition::lastTransitionTime).orElse(now);
        return new Condition(type, status, null, now, null, since, reason, message);
    }

    /** The host's facts with the runtime's version; the last known version while the runtime fails. */
    private static NodeSystemInfo nodeInfo(NodeSystemInfo host, RuntimeHealth runtime, NodeSystemInfo previous) {
        String version = runtime.healthy() ? runtime.version() : previous.containerRuntimeVersion();
        return new NodeSystemInfo(host.kernelVersion(), host.osImage(), version, host.kubeletVersion(),
                host.operatingSystem(), host.architecture());
    }

    private static NodeStatus withoutHeartbeats(NodeStatus s) {
        return s.withConditions(s.conditions().stream().map(c -> new Condition(c.type(), c.status(), c.lastProbeTime(),
                null, c.lastUpdateTime(), c.lastTransitionTime(), c.reason(), c.message())).toList());
    }
}
