package dev.jk8s.kubelet.logs;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import dev.jk8s.proto.ContainerLogsRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Which container instance a log request means, as a pure function of the request and what the
 * runtime lists for the pod: the named container's latest instance (highest attempt), or with
 * {@code previous} the one before it. Refusals are {@link ApiException}s worded as Kubernetes'
 * kubelet words them, naming the container, the pod and the node.
 */
final class ContainerPicker {

    /** The newest first: highest attempt, then latest created. */
    private static final Comparator<RuntimeContainer> NEWEST_FIRST = Comparator
            .comparingInt(RuntimeContainer::attempt)
            .thenComparing(c -> c.createdAt() == null ? Instant.MIN : c.createdAt())
            .reversed();

    private ContainerPicker() {
    }

    /**
     * The instance to read.
     *
     * @param containers everything the runtime lists for the pod's namespace and name on {@code node}
     * @throws ApiException NotFound when {@code pod_uid} is set and only another instance of the pod
     *                      is on the node; BadRequest when the container has not started, has no
     *                      previous instance, or is not among the pod's containers here
     */
    static RuntimeContainer pick(ContainerLogsRequest req, String node, List<RuntimeContainer> containers) {
        List<RuntimeContainer> ofPod = instanceOfPod(req, node, containers);
        String name = req.getContainer();
        List<RuntimeContainer> instances = ofPod.stream().filter(c -> name.equals(c.name())).sorted(NEWEST_FIRST).toList();
        if (instances.isEmpty()) {
            throw notStarted(req, node, ofPod);
        }
        if (req.getPrevious()) {
            // Kubernetes' "previous" is the container status' lastState: while the container waits
            // to restart, the instance that just ended; while it runs, the one before it.
            RuntimeContainer latest = instances.get(0);
            RuntimeContainer previous = latest.state() == RuntimeContainer.State.EXITED ? latest
                    : instances.size() > 1 ? instances.get(1) : null;
            if (previous == null) {
                throw ApiException.badRequest("previous terminated container \"" + name + "\" in pod \"" + req.getPod()
                        + "\" not found");
            }
            return previous;
        }
        RuntimeContainer current = instances.get(0);
        if (current.startedAt() == null && current.state() == RuntimeContainer.State.CREATED) {
            throw waiting(req);
        }
        return current;
    }

    /** The app containers of the pod instance meant: the request's uid, or else the newest one. */
    private static List<RuntimeContainer> instanceOfPod(ContainerLogsRequest req, String node, List<RuntimeContainer> all) {
        String uid = req.getPodUid();
        if (uid.isEmpty()) {
            uid = all.stream().filter(c -> !c.isSandbox()).min(NEWEST_FIRST).map(c -> c.pod().uid()).orElse("");
        } else if (!all.isEmpty() && all.stream().noneMatch(c -> c.pod().uid().equals(req.getPodUid()))) {
            // Only another pod of that name (deleted, or not yet cleaned up) is here.
            throw new ApiException(Reason.NOT_FOUND, "pods", req.getPod(),
                    "pods \"" + req.getPod() + "\" not found on node " + node, List.of());
        }
        String meant = uid;
        return all.stream().filter(c -> !c.isSandbox() && c.pod().uid().equals(meant)).toList();
    }

    private static ApiException notStarted(ContainerLogsRequest req, String node, List<RuntimeContainer> ofPod) {
        if (ofPod.isEmpty()) {
            return waiting(req);
        }
        List<String> names = ofPod.stream().map(RuntimeContainer::name).distinct().sorted().toList();
        return ApiException.badRequest("container \"" + req.getContainer() + "\" is not valid for pod \"" + req.getPod()
                + "\" on node " + node + ", choose one of: " + names.toString().replace(",", "")
                + " (a container that has not started yet has no log)");
    }

    private static ApiException waiting(ContainerLogsRequest req) {
        return ApiException.badRequest("container \"" + req.getContainer() + "\" in pod \"" + req.getPod()
                + "\" is waiting to start: ContainerCreating");
    }
}
