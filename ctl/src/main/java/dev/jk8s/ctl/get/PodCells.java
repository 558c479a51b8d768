package dev.jk8s.ctl.get;

import dev.jk8s.api.Condition;
import dev.jk8s.api.core.ContainerState;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The cells of a pod's row, computed as kubectl's {@code printPod} does: READY, STATUS (the most
 * telling reason of an init container, else of a container, else the phase) and RESTARTS. Pure.
 */
public final class PodCells {

    private static final String NODE_UNREACHABLE = "NodeLost";

    private PodCells() {
    }

    /** {@code ready/total}: containers that run and are ready, of the containers in the spec. */
    static String ready(Pod pod) {
        long ready = pod.status().containerStatuses().stream()
                .filter(c -> c.isReady() && c.state().running() != null).count();
        return ready + "/" + pod.spec().containers().size();
    }

    /** kubectl's STATUS column. */
    public static String status(Pod pod) {
        if (pod.metadata().deletionTimestamp() != null) {
            return NODE_UNREACHABLE.equals(pod.status().reason()) ? "Unknown" : "Terminating";
        }
        String init = initStatus(pod);
        return init != null ? init : containerStatus(pod);
    }

    /** The total restart count, with how long ago the last restart was: {@code 3 (2m ago)}. */
    static String restarts(Pod pod, Instant now) {
        List<ContainerStatus> statuses = initializing(pod) ? pod.status().initContainerStatuses()
                : pod.status().containerStatuses();
        int restarts = statuses.stream().mapToInt(c -> c.restartCount() == null ? 0 : c.restartCount()).sum();
        Instant last = statuses.stream().map(c -> c.lastState().terminated())
                .filter(Objects::nonNull).map(ContainerState.Terminated::finishedAt)
                .filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        return restarts == 0 || last == null ? String.valueOf(restarts)
                : restarts + " (" + Age.since(last, now) + " ago)";
    }

    private static boolean initializing(Pod pod) {
        return pod.metadata().deletionTimestamp() == null && initStatus(pod) != null;
    }

    /** {@code Init:...} while an init container has not completed; null once all have. */
    private static String initStatus(Pod pod) {
        List<ContainerStatus> statuses = pod.status().initContainerStatuses();
        for (int i = 0; i < statuses.size(); i++) {
            ContainerState state = statuses.get(i).state();
            ContainerState.Terminated t = state.terminated();
            if (t != null && Integer.valueOf(0).equals(t.exitCode())) {
                continue;
            }
            if (t != null) {
                return "Init:" + (present(t.reason()) ? t.reason() : exitDescription(t));
            }
            if (state.waiting() != null && present(state.waiting().reason())
                    && !"PodInitializing".equals(state.waiting().reason())) {
                return "Init:" + state.waiting().reason();
            }
            return "Init:" + i + "/" + pod.spec().initContainers().size();
        }
        return null;
    }

    private static String containerStatus(Pod pod) {
        String reason = present(pod.status().reason()) ? pod.status().reason() : null;
        boolean running = false;
        List<ContainerStatus> statuses = pod.status().containerStatuses();
        // kubectl walks the containers backwards, so that the first container's reason wins.
        for (int i = statuses.size() - 1; i >= 0; i--) {
            ContainerState state = statuses.get(i).state();
            if (state.waiting() != null && present(state.waiting().reason())) {
                reason = state.waiting().reason();
            } else if (state.terminated() != null) {
                reason = present(state.terminated().reason()) ? state.terminated().reason()
                        : exitDescription(state.terminated());
            } else if (state.running() != null && statuses.get(i).isReady()) {
                running = true;
            }
        }
        if ("Completed".equals(reason) && running) {
            return podReady(pod) ? PodStatus.RUNNING : "NotReady";
        }
        return reason != null ? reason : phase(pod.status().phase());
    }

    private static String phase(String phase) {
        if (phase == null) {
            return PodStatus.PENDING;
        }
        return switch (phase) {
            case PodStatus.SUCCEEDED -> "Completed";
            case PodStatus.FAILED -> "Error";
            default -> phase;
        };
    }

    private static boolean podReady(Pod pod) {
        return Condition.find(pod.status().conditions(), "Ready").map(Condition::isTrue).orElse(false);
    }

    private static String exitDescription(ContainerState.Terminated t) {
        return t.signal() != null && t.signal() != 0 ? "Signal:" + t.signal() : "ExitCode:" + t.exitCode();
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
