package dev.jk8s.api.core;

/**
 * A port a container listens on. {@code name} lets a Service's {@code targetPort} refer to it;
 * {@code hostPort} also publishes it on the node. {@code protocol} defaults to TCP.
 */
public record ContainerPort(String name, Integer hostPort, Integer containerPort, String protocol, String hostIP) {

    public static ContainerPort of(int containerPort) {
        return new ContainerPort(null, null, containerPort, null, null);
    }

    public ContainerPort withProtocol(String protocol) {
        return new ContainerPort(name, hostPort, containerPort, protocol, hostIP);
    }

    public ContainerPort withHostPort(Integer hostPort) {
        return new ContainerPort(name, hostPort, containerPort, protocol, hostIP);
    }
}
