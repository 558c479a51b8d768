package dev.jk8s.kubelet.pod;

import dev.jk8s.api.core.ContainerState.Waiting;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import java.util.List;
import java.util.Map;

/**
 * What one sync of a running (not terminating) pod must do, in this order: stop, run the
 * sandbox, start containers, remove (so that an old instance goes only once its successor runs). Computed by {@link PodPlanner} from observed state alone.
 *
 * @param stop           running containers to stop, with why (for the log and events)
 * @param remove         container ids to remove (stopped leftovers, old instances)
 * @param sandboxId      the running sandbox the pod keeps (its containers join it); null when none runs
 * @param runSandbox     the pod has no running sandbox: run one before starting anything
 * @param start          containers to start, with the attempt number of the new instance
 * @param waiting        containers not started on purpose this sync, with the reason their
 *                       status shows (CrashLoopBackOff, ImagePullBackOff ...)
 * @param stopSandbox    the pod is finished (no container runs or will run again): stop its sandbox
 */
public record PodPlan(List<Stop> stop, List<String> remove, String sandboxId, boolean runSandbox, List<Start> start,
                      Map<String, Waiting> waiting, boolean stopSandbox) {

    public PodPlan {
        stop = List.copyOf(stop);
        remove = List.copyOf(remove);
        start = List.copyOf(start);
        waiting = Map.copyOf(waiting);
    }

    /** Nothing to do. */
    public boolean isEmpty() {
        return stop.isEmpty() && remove.isEmpty() && !runSandbox && start.isEmpty() && !stopSandbox;
    }

    /** Stop a running container because of {@code reason}; {@code failedLiveness}: to restart it. */
    public record Stop(RuntimeContainer container, String reason, boolean failedLiveness) {
    }

    /** Start a new instance of container {@code name}. */
    public record Start(String name, int attempt) {
    }
}
