package dev.jk8s.apiserver.logs;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.proto.ContainerLogsRequest;
import dev.jk8s.proto.LogsRequest;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a log request goes: which container of the pod, and which kubelet serves it. Pure
 * functions of the request and the stored objects; every refusal is an {@link ApiException}
 * worded as Kubernetes words it, naming the pod and what to do.
 */
final class LogTargets {

    private LogTargets() {
    }

    /** The kubelet's request for this pod; BadRequest when the container is ambiguous or unknown, or the pod unbound. */
    static ContainerLogsRequest request(LogsRequest req, Pod pod) {
        String name = pod.metadata().name();
        List<String> containers = containerNames(pod);
        String container = req.getContainer();
        if (container.isEmpty()) {
            if (containers.size() != 1) {
                throw ApiException.badRequest("a container name must be specified for pod " + name + ", choose one of: "
                        + containers.toString().replace(",", ""));
            }
            container = containers.get(0);
        } else if (!containers.contains(container)) {
            throw ApiException.badRequest("container " + container + " is not valid for pod " + name);
        }
        if (pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty()) {
            throw ApiException.badRequest("pod " + name + " does not have a host assigned (spec.nodeName is empty); it has no"
                    + " logs until the scheduler binds it to a node");
        }
        return ContainerLogsRequest.newBuilder()
                .setNamespace(pod.metadata().namespace())
                .setPod(name)
                .setPodUid(pod.metadata().uid())
                .setContainer(container)
                .setFollow(req.getFollow())
                .setHasTailLines(req.getHasTailLines())
                .setTailLines(req.getTailLines())
                .setPrevious(req.getPrevious())
                .build();
    }

    /** host:port of the node's kubelet; Unavailable when the node has not reported one. */
    static String endpoint(Node node) {
        int port = node.status().daemonEndpoints().kubeletPort();
        String address = node.status().daemonAddress().orElse(null);
        if (port <= 0 || address == null) {
            throw ApiException.of(Reason.UNAVAILABLE, "node " + node.metadata().name()
                    + " reports no kubelet endpoint (status.addresses and status.daemonEndpoints.kubeletEndpoint.Port);"
                    + " check that its kubelet is running");
        }
        return address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
    }

    private static List<String> containerNames(Pod pod) {
        return Stream.concat(pod.spec().containers().stream(), pod.spec().initContainers().stream())
                .map(Container::name).toList();
    }
}
