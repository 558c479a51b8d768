package dev.jk8s.kubelet.node;

import dev.jk8s.api.Quantity;
import dev.jk8s.api.core.NodeSystemInfo;
import dev.jk8s.api.core.Taint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a kubelet registers its node as, and how often it reports. Immutable; start from
 * {@link #defaults(String)} and change fields with the {@code withX} methods.
 *
 * @param nodeName              the Node's name, also its {@code kubernetes.io/hostname} label and Hostname address
 * @param cpu                   capacity (and allocatable) {@code cpu}
 * @param memory                capacity (and allocatable) {@code memory}
 * @param maxPods               capacity (and allocatable) {@code pods}
 * @param labels                labels the kubelet sets besides its own ({@code --node-labels}); kept
 *                              on the Node at every registration
 * @param taints                {@code --register-with-taints}: set only when the kubelet creates the
 *                              Node, as Kubernetes does, so a later {@code jctl taint} is not undone
 * @param address               the InternalIP the apiserver reaches the kubelet at
 * @param kubeletPort           the kubelet's log endpoint port ({@code daemonEndpoints.kubeletEndpoint.Port})
 * @param host                  the node's software and platform; {@code containerRuntimeVersion} is
 *                              ignored (the runtime reports it)
 * @param statusUpdateFrequency how often the kubelet checks its status (and the runtime), reading the Node
 * @param statusReportFrequency how often it posts the status when nothing changed
 * @param leaseRenewInterval    how often it renews its Lease in {@code kube-node-lease}
 * @param leaseDuration         the Lease's {@code leaseDurationSeconds} (whole seconds)
 * @param clock                 the time written into conditions and the Lease
 */
public record NodeConfig(String nodeName, Quantity cpu, Quantity memory, int maxPods, Map<String, String> labels,
                         List<Taint> taints, String address, int kubeletPort, NodeSystemInfo host,
                         Duration statusUpdateFrequency, Duration statusReportFrequency,
                         Duration leaseRenewInterval, Duration leaseDuration, Clock clock) {

    /** Kubernetes' {@code nodeStatusUpdateFrequency}. */
    public static final Duration DEFAULT_STATUS_UPDATE_FREQUENCY = Duration.ofSeconds(10);
    /** Kubernetes' {@code nodeStatusReportFrequency}. */
    public static final Duration DEFAULT_STATUS_REPORT_FREQUENCY = Duration.ofMinutes(5);
    /** Kubernetes' lease renew interval: a quarter of the lease duration. */
    public static final Duration DEFAULT_LEASE_RENEW_INTERVAL = Duration.ofSeconds(10);
    /** Kubernetes' {@code nodeLeaseDurationSeconds}. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(40);

    public NodeConfig {
        if (nodeName == null || nodeName.isBlank()) {
            throw new IllegalArgumentException("a node needs a name (--node-name)");
        }
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        for (Duration d : List.of(statusUpdateFrequency, statusReportFrequency, leaseRenewInterval, leaseDuration)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("node " + nodeName + ": periods must be positive, got " + d);
            }
        }
        if (maxPods < 0 || kubeletPort < 0 || kubeletPort > 65535) {
            throw new IllegalArgumentException("node " + nodeName + ": maxPods must be >= 0 and the kubelet port 0-65535, got "
                    + maxPods + " and " + kubeletPort);
        }
    }

    /**
     * This machine's CPUs and memory (as the JVM sees them), 110 pods, address 127.0.0.1, no
     * kubelet port yet, Kubernetes' periods, the system UTC clock.
     */
    public static NodeConfig defaults(String nodeName) {
        return new NodeConfig(nodeName, Quantity.ofMillis(Runtime.getRuntime().availableProcessors() * 1000L),
                Quantity.ofBytes(HostInfo.memoryBytes()), 110, Map.of(), List.of(), "127.0.0.1", 0, HostInfo.system(),
                DEFAULT_STATUS_UPDATE_FREQUENCY, DEFAULT_STATUS_REPORT_FREQUENCY, DEFAULT_LEASE_RENEW_INTERVAL,
                DEFAULT_LEASE_DURATION, Clock.systemUTC());
    }

    public NodeConfig withName(String name) {
        return new NodeConfig(name, cpu, memory, maxPods, labels, taints, address, kubeletPort, host,
                statusUpdateFrequency, statusReportFrequency, leaseRenewInterval, leaseDuration, clock);
    }

    public NodeConfig withResources(Quantity cpu, Quantity memory, int maxPods) {
        return new NodeConfig(nodeName, cpu, memory, maxPods, labels, taints, address, kubeletPort, host,
                statusUpdateFrequency, statusReportFrequency, leaseRenewInterval, leaseDuration, clock);
    }

    public NodeConfig withLabels(Map<String, String> labels) {
        return new NodeConfig(nodeName, cpu, memory, maxPods, labels, taints, address, kubeletPort, host,
                statusUpdateFrequency, statusReportFrequency, leaseRenewInterval, leaseDuration, clock);
    }

    public NodeConfig withTaints(List<Taint> taints) {
        return new NodeConfig(nodeName, cpu, memory, maxPods, labels, taints, address, kubeletPort, host,
                statusUpdateFrequency, statusReportFrequency, leaseRenewInterval, leaseDuration, clock);
    }

    public NodeConfig withEndpoint(String address, int kubeletPort) {
        return new NodeConfig(nodeName, cpu, memory, maxPods, labels, taints, address, kubeletPort, host,
                statusUpdateFrequency, statusReportFrequency, leaseRenewInterval, leaseDuration, clock);
    }

    public NodeConfig withHost(NodeSystemInfo host) {
        return new NodeConfig(nodeName, cpu, memory, maxPods, labels, taints, address, kubeletPort, host,
                statusUpdateFrequency, statusReportFrequency, leaseRenewInterval, leaseDuration, clock);
    }

    /** The status check and report periods. */
    public NodeConfig withStatusFrequencies(Duration update, Duration report) {
        return new NodeConfig(nodeName, cpu, memory, maxPods, labels, taints, address, kubeletPort, host,
                update, report, leaseRenewInterval, leaseDuration, clock);
    }

    public NodeConfig withLease(Duration renewInterval, Duration duration) {
        return new NodeConfig(nodeName, cpu, memory, maxPods, labels, taints, address, kubeletPort, host,
                statusUpdateFrequency, statusReportFrequency, renewInterval, duration, clock);
    }

    public NodeConfig withClock(Clock clock) {
        return new NodeConfig(nodeName, cpu, memory, maxPods, labels, taints, address, kubeletPort, host,
                statusUpdateFrequency, statusReportFrequency, leaseRenewInterval, leaseDuration, clock);
    }

    /** {@link #leaseDuration} in whole seconds, rounded up, as the Lease records it. */
    public int leaseDurationSeconds() {
        return (int) Math.max(1, (leaseDuration.toMillis() + 999) / 1000);
    }
}
