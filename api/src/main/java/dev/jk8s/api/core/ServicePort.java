package dev.jk8s.api.core;

import dev.jk8s.api.IntOrString;

/**
 * One port of a Service: {@code port} on the clusterIP forwards to {@code targetPort} of the pods
 * (a number, or the name of a container port; defaults to {@code port}); {@code nodePort} is
 * also opened on every node for NodePort and LoadBalancer services.
 */
public record ServicePort(String name, String protocol, String appProtocol, Integer port,
                          IntOrString targetPort, Integer nodePort) {

    /** Kubernetes' default node port range, inclusive; the apiserver allocates from it. */
    public static final int NODE_PORT_MIN = 30000;
    public static final int NODE_PORT_MAX = 32767;

    public static ServicePort of(int port, IntOrString targetPort) {
        return new ServicePort(null, null, null, port, targetPort, null);
    }

    public ServicePort withNodePort(Integer nodePort) {
        return new ServicePort(name, protocol, appProtocol, port, targetPort, nodePort);
    }

    public ServicePort withDefaults(String protocol, IntOrString targetPort) {
        return new ServicePort(name, protocol, appProtocol, port, targetPort, nodePort);
    }
}
