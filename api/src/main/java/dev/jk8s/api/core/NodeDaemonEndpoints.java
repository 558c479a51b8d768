package dev.jk8s.api.core;

/**
 * Where the node's daemons listen: the kubelet's endpoint serves container logs to the
 * apiserver. Written by the kubelet with the node's status.
 */
public record NodeDaemonEndpoints(DaemonEndpoint kubeletEndpoint) {

    public static final NodeDaemonEndpoints EMPTY = new NodeDaemonEndpoints(null);

    /** The kubelet's port, or 0 when the kubelet has not reported one. */
    public int kubeletPort() {
        return kubeletEndpoint == null || kubeletEndpoint.port() == null ? 0 : kubeletEndpoint.port();
    }
}
