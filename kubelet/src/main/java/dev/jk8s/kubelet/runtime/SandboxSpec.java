package dev.jk8s.kubelet.runtime;

import java.util.List;

/**
 * The sandbox of a pod: a container that only sleeps and holds the pod's network namespace (and
 * its hostname), which the pod's containers join.
 *
 * @param node        the node (kubelet) that owns it
 * @param image       a local image whose default command sleeps forever
 * @param hostname    the pod's hostname (its name, unless {@code spec.hostname} says otherwise)
 * @param hostNetwork true: the host's network namespace instead of a new one on the bridge
 * @param hostPorts   container port → host port on 127.0.0.1, for ports that ask for a hostPort
 */
public record SandboxSpec(String node, PodRef pod, String image, String hostname, boolean hostNetwork,
                          List<PortMapping> hostPorts) {

    public SandboxSpec {
        hostPorts = List.copyOf(hostPorts);
    }

    /** A container port published on the host's loopback. */
    public record PortMapping(int containerPort, int hostPort, String protocol) {
    }
}
