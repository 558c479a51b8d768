package dev.jk8s.scheduler.framework;

import dev.jk8s.api.core.ContainerPort;
import dev.jk8s.api.core.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * A port a pod publishes on its node: address ({@value #ANY_IP} when unset), protocol (TCP when
 * unset) and port. Two conflict when protocol and port are equal and either address is the
 * wildcard or both are the same, as in Kubernetes' NodePorts plugin.
 */
public record HostPort(String ip, String protocol, int port) {

    public static final String ANY_IP = "0.0.0.0";

    public HostPort {
        ip = ip == null || ip.isEmpty() ? ANY_IP : ip;
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }

    /** The host ports of the pod's app containers (ports with a hostPort above 0). */
    public static List<HostPort> of(Pod pod) {
        List<HostPort> out = new ArrayList<>();
        pod.spec().containers().forEach(c -> c.ports().forEach(p -> add(out, p)));
        return out;
    }

    private static void add(List<HostPort> out, ContainerPort p) {
        if (p.hostPort() != null && p.hostPort() > 0) {
            out.add(new HostPort(p.hostIP(), p.protocol(), p.hostPort()));
        }
    }

    public boolean conflictsWith(HostPort o) {
        return port == o.port && protocol.equals(o.protocol)
                && (ip.equals(ANY_IP) || o.ip.equals(ANY_IP) || ip.equals(o.ip));
    }
}
