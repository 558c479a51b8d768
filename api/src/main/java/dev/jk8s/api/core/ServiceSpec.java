package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;
import java.util.Map;

/**
 * How a Service is reached: its {@code type} (ClusterIP, NodePort, LoadBalancer, ExternalName),
 * ports, the pod {@code selector}, and the virtual {@code clusterIP} (empty until allocated,
 * {@value #HEADLESS} for a headless service). Collections are never null.
 */
public record ServiceSpec(
        List<ServicePort> ports,
        Map<String, String> selector,
        String clusterIP,
        List<String> clusterIPs,
        String type,
        String sessionAffinity,
        String externalName,
        String externalTrafficPolicy,
        Boolean publishNotReadyAddresses,
        String internalTrafficPolicy) {

    public static final String CLUSTER_IP = "ClusterIP";
    public static final String NODE_PORT = "NodePort";
    public static final String LOAD_BALANCER = "LoadBalancer";
    public static final String EXTERNAL_NAME = "ExternalName";
    /** The clusterIP of a headless service: DNS names the pods, no virtual IP. */
    public static final String HEADLESS = "None";

    public static final ServiceSpec EMPTY = builder().build();

    public ServiceSpec {
        ports = Values.list(ports);
        selector = Values.map(selector);
        clusterIPs = Values.list(clusterIPs);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The allocation the apiserver writes: clusterIP and its one-element clusterIPs. */
    public ServiceSpec withClusterIP(String ip) {
        return toBuilder().clusterIP(ip).clusterIPs(ip == null || ip.isEmpty() ? List.of() : List.of(ip)).build();
    }

    public ServiceSpec withPorts(List<ServicePort> ports) {
        return toBuilder().ports(ports).build();
    }

    /** Whether node ports are allocated for this type (NodePort and LoadBalancer). */
    public boolean usesNodePorts() {
        return NODE_PORT.equals(type) || LOAD_BALANCER.equals(type);
    }

    /** A mutable builder; {@link #build()} makes the immutable value. */
    public static final class Builder {
        private List<ServicePort> ports;
        private Map<String, String> selector;
        private String clusterIP;
        private List<String> clusterIPs;
        private String type;
        private String sessionAffinity;
        private String externalName;
        private String externalTrafficPolicy;
        private Boolean publishNotReadyAddresses;
        private String internalTrafficPolicy;

        private Builder() {
        }

        private Builder(ServiceSpec s) {
            ports = s.ports;
            selector = s.selector;
            clusterIP = s.clusterIP;
            clusterIPs = s.clusterIPs;
            type = s.type;
            sessionAffinity = s.sessionAffinity;
            externalName = s.externalName;
            externalTrafficPolicy = s.externalTrafficPolicy;
            publishNotReadyAddresses = s.publishNotReadyAddresses;
            internalTrafficPolicy = s.internalTrafficPolicy;
        }

        public Builder ports(List<ServicePort> v) { ports = v; return this; }
        public Builder selector(Map<String, String> v) { selector = v; return this; }
        public Builder clusterIP(String v) { clusterIP = v; return this; }
        public Builder clusterIPs(List<String> v) { clusterIPs = v; return this; }
        public Builder type(String v) { type = v; return this; }
        public Builder sessionAffinity(String v) { sessionAffinity = v; return this; }
        public Builder externalName(String v) { externalName = v; return this; }
        public Builder externalTrafficPolicy(String v) { externalTrafficPolicy = v; return this; }
        public Builder publishNotReadyAddresses(Boolean v) { publishNotReadyAddresses = v; return this; }
        public Builder internalTrafficPolicy(String v) { internalTrafficPolicy = v; return this; }

        public ServiceSpec build() {
            return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, sessionAffinity, externalName,
                    externalTrafficPolicy, publishNotReadyAddresses, internalTrafficPolicy);
        }
    }
}
