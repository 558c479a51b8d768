package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;
import java.util.Map;

/**
 * What a pod should run and where: its containers and init containers, volumes, restart policy,
 * scheduling constraints (nodeSelector, affinity, tolerations, priority) and, once bound by the scheduler,
 * {@code nodeName}. Collections are never null; {@code affinity} is null when absent.
 *
 * <p>Change one with {@link #toBuilder()} or a {@code withX} method. Defaults are in
 * {@link PodSpecDefaults}, validation in {@link PodSpecValidation}.
 */
public record PodSpec(
        List<Volume> volumes,
        List<Container> initContainers,
        List<Container> containers,
        String restartPolicy,
        Long terminationGracePeriodSeconds,
        Long activeDeadlineSeconds,
        String dnsPolicy,
        Map<String, String> nodeSelector,
        String serviceAccountName,
        Boolean automountServiceAccountToken,
        String nodeName,
        Boolean hostNetwork,
        String hostname,
        String subdomain,
        String schedulerName,
        List<Toleration> tolerations,
        Integer priority,
        Affinity affinity) {

    public static final PodSpec EMPTY = builder().build();

    public PodSpec {
        volumes = Values.list(volumes);
        initContainers = Values.list(initContainers);
        containers = Values.list(containers);
        nodeSelector = Values.map(nodeSelector);
        tolerations = Values.list(tolerations);
    }

    public static PodSpec of(Container... containers) {
        return builder().containers(List.of(containers)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The binding the scheduler writes. */
    public PodSpec withNodeName(String nodeName) {
        return toBuilder().nodeName(nodeName).build();
    }

    public PodSpec withContainers(List<Container> containers) {
        return toBuilder().containers(containers).build();
    }

    public PodSpec withAffinity(Affinity affinity) {
        return toBuilder().affinity(affinity).build();
    }

    public boolean isHostNetwork() {
        return Boolean.TRUE.equals(hostNetwork);
    }

    /** A mutable builder; {@link #build()} makes the immutable value. */
    public static final class Builder {
        private List<Volume> volumes;
        private List<Container> initContainers;
        private List<Container> containers;
        private String restartPolicy;
        private Long terminationGracePeriodSeconds;
        private Long activeDeadlineSeconds;
        private String dnsPolicy;
        private Map<String, String> nodeSelector;
        private String serviceAccountName;
        private Boolean automountServiceAccountToken;
        private String nodeName;
        private Boolean hostNetwork;
        private String hostname;
        private String subdomain;
        private String schedulerName;
        private List<Toleration> tolerations;
        private Integer priority;
        private Affinity affinity;

        private Builder() {
        }

        private Builder(PodSpec s) {
            volumes = s.volumes;
            initContainers = s.initContainers;
            containers = s.containers;
            restartPolicy = s.restartPolicy;
            terminationGracePeriodSeconds = s.terminationGracePeriodSeconds;
            activeDeadlineSeconds = s.activeDeadlineSeconds;
            dnsPolicy = s.dnsPolicy;
            nodeSelector = s.nodeSelector;
            serviceAccountName = s.serviceAccountName;
            automountServiceAccountToken = s.automountServiceAccountToken;
            nodeName = s.nodeName;
            hostNetwork = s.hostNetwork;
            hostname = s.hostname;
            subdomain = s.subdomain;
            schedulerName = s.schedulerName;
            tolerations = s.tolerations;
            priority = s.priority;
            affinity = s.affinity;
        }

        public Builder volumes(List<Volume> v) { volumes = v; return this; }
        public Builder initContainers(List<Container> v) { initContainers = v; return this; }
        public Builder containers(List<Container> v) { containers = v; return this; }
        public Builder restartPolicy(String v) { restartPolicy = v; return this; }
        public Builder terminationGracePeriodSeconds(Long v) { terminationGracePeriodSeconds = v; return this; }
        public Builder activeDeadlineSeconds(Long v) { activeDeadlineSeconds = v; return this; }
        public Builder dnsPolicy(String v) { dnsPolicy = v; return this; }
        public Builder nodeSelector(Map<String, String> v) { nodeSelector = v; return this; }
        public Builder serviceAccountName(String v) { serviceAccountName = v; return this; }
        public Builder automountServiceAccountToken(Boolean v) { automountServiceAccountToken = v; return this; }
        public Builder nodeName(String v) { nodeName = v; return this; }
        public Builder hostNetwork(Boolean v) { hostNetwork = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder subdomain(String v) { subdomain = v; return this; }
        public Builder schedulerName(String v) { schedulerName = v; return this; }
        public Builder tolerations(List<Toleration> v) { tolerations = v; return this; }
        public Builder priority(Integer v) { priority = v; return this; }
        public Builder affinity(Affinity v) { affinity = v; return this; }

        public PodSpec build() {
            return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds,
                    activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, automountServiceAccountToken,
                    nodeName, hostNetwork, hostname, subdomain, schedulerName, tolerations, priority, affinity);
        }
    }
}
