package dev.jk8s.kubelet.pod;

import dev.jk8s.api.Condition;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerState;
import dev.jk8s.api.core.ContainerState.Waiting;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodIP;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A pod's status as the kubelet reports it, computed from what the runtime shows; no I/O. The
 * status is a function of the observation, so writing it only when it differs from the stored
 * one is enough to keep it true. Timestamps that mark a change (startTime, conditions'
 * lastTransitionTime) keep their stored value while nothing changed.
 *
 * <p>Phase, as Kubernetes computes it: Pending while init containers run or a container has not started yet; Running
 * while one runs or restarts; Succeeded when all ended with 0 and none restarts; Failed when all
 * ended, one failed, and none restarts.
 */
public final class PodStatuses {

    private PodStatuses() {
    }

    /**
     * What the computation needs besides the pod and its containers.
     *
     * @param waiting   container name → why it waits (set by this sync's plan or a failed start)
     * @param ready     container id → whether its readiness probe (if any) passes
     * @param idScheme  the runtime's prefix of container ids, e.g. {@code docker}
     * @param hostIP    the node's address
     */
    public record Inputs(Map<String, Waiting> waiting, Predicate<String> ready, String idScheme, String hostIP,
                         Instant now) {
    }

    /** The status of {@code pod}; {@code observed} is the pod's containers (this uid's only). */
    public static PodStatus compute(Pod pod, List<RuntimeContainer> observed, Inputs in) {
        PodStatus old = pod.status();
        Map<String, List<RuntimeContainer>> byName = PodPlanner.instancesByName(observed);
        boolean initializing = PodPlanner.pendingInit(pod, byName).isPresent();
        // Until the init containers are done, a container not started yet waits for them.
        String notStarted = initializing ? "PodInitializing" : "ContainerCreating";
        List<ContainerStatus> inits = new ArrayList<>();
        for (Container c : pod.spec().initContainers()) {
            inits.add(initStatus(containerStatus(c, byName.getOrDefault(c.name(), List.of()), "PodInitializing", in)));
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Container c : pod.spec().containers()) {
            statuses.add(containerStatus(c, byName.getOrDefault(c.name(), List.of()), notStarted, in));
        }
        String phase = initializing ? initPhase(pod, inits) : phase(pod, statuses);
        String podIP = podIP(pod, observed, in);
        return new PodStatus(phase, conditions(pod, phase, inits, statuses, in.now()), null, null, in.hostIP(), podIP,
                podIP == null ? List.of() : List.of(new PodIP(podIP)),
                old.startTime() == null ? seconds(in.now()) : old.startTime(), inits, statuses, qosClass(pod));
    }

    static ContainerStatus containerStatus(Container c, List<RuntimeContainer> instances, String notStarted, Inputs in) {
        RuntimeContainer latest = instances.isEmpty() ? null : instances.get(0);
        RuntimeContainer previous = instances.size() > 1 ? instances.get(1) : null;
        Waiting waiting = in.waiting().get(c.name());
        ContainerState state;
        ContainerState last = ContainerState.NONE;
        if (latest != null && latest.isRunning()) {
            state = ContainerState.running(seconds(latest.startedAt()));
            last = terminated(previous, in);
        } else if (waiting != null) {
            state = new ContainerState(waiting, null, null);
            last = terminated(latest, in);
        } else if (latest != null && latest.state() == RuntimeContainer.State.EXITED) {
            state = terminated(latest, in);
            last = terminated(previous, in);
        } else {
            state = ContainerState.waiting(notStarted, null);
            last = terminated(latest, in);
        }
        boolean running = latest != null && latest.isRunning();
        boolean ready = running && in.ready().test(latest.id());
        return new ContainerStatus(c.name(), state, last, ready, latest == null ? 0 : latest.attempt(), c.image(),
                latest == null ? null : latest.imageId(), latest == null ? null : containerId(latest, in), running);
    }

    /** An init container is ready once it has completed. */
    private static ContainerStatus initStatus(ContainerStatus s) {
        boolean done = s.state().terminated() != null && Integer.valueOf(0).equals(s.state().terminated().exitCode());
        return new ContainerStatus(s.name(), s.state(), s.lastState(), done, s.restartCount(), s.image(), s.imageID(),
                s.containerID(), s.started());
    }

    /** While initializing: Failed once an init container failed and will not run again (restartPolicy Never), else Pending. */
    static String initPhase(Pod pod, List<ContainerStatus> inits) {
        boolean failedForGood = inits.stream().map(s -> s.state().terminated()).anyMatch(t -> t != null
                && !Integer.valueOf(0).equals(t.exitCode()) && !PodPlanner.restarts(pod, t.exitCode()));
        return failedForGood ? PodStatus.FAILED : PodStatus.PENDING;
    }

    private static ContainerState terminated(RuntimeContainer c, Inputs in) {
        if (c == null || c.state() != RuntimeContainer.State.EXITED) {
            return ContainerState.NONE;
        }
        return ContainerState.terminated(new ContainerState.Terminated(c.exitCode(), null, c.reason(), null,
                seconds(c.startedAt()), seconds(c.finishedAt()), containerId(c, in)));
    }

    /** Kubernetes' API times have whole seconds. */
    private static Instant seconds(Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static String containerId(RuntimeContainer c, Inputs in) {
        return in.idScheme() + "://" + c.id();
    }

    static String phase(Pod pod, List<ContainerStatus> statuses) {
        int running = 0;
        int waiting = 0;
        int ended = 0;
        int succeeded = 0;
        for (ContainerStatus s : statuses) {
            if (s.state().running() != null) {
                running++;
            } else if (s.state().terminated() != null) {
                ended++;
                succeeded += Integer.valueOf(0).equals(s.state().terminated().exitCode()) ? 1 : 0;
            } else if (s.lastState().terminated() != null) {
                ended++; // waiting to restart after it ended
            } else {
                waiting++;
            }
        }
        if (waiting > 0 || statuses.isEmpty()) {
            return PodStatus.PENDING;
        }
        if (running > 0) {
            return PodStatus.RUNNING;
        }
        return switch (PodPlanner.restartPolicy(pod)) {
            case "Always" -> PodStatus.RUNNING;
            case "OnFailure" -> succeeded == ended ? PodStatus.SUCCEEDED : PodStatus.RUNNING;
            default -> succeeded == ended ? PodStatus.SUCCEEDED : PodStatus.FAILED;
        };
    }

    private static String podIP(Pod pod, List<RuntimeContainer> observed, Inputs in) {
        if (pod.spec().isHostNetwork()) {
            return in.hostIP();
        }
        Optional<String> ip = observed.stream().filter(RuntimeContainer::isSandbox).filter(RuntimeContainer::isRunning)
                .map(RuntimeContainer::ip).filter(a -> a != null && !a.isEmpty()).findFirst();
        return ip.orElse(pod.status().podIP()); // a finished pod keeps the address it had, as in Kubernetes
    }

    static List<Condition> conditions(Pod pod, String phase, List<ContainerStatus> inits, List<ContainerStatus> statuses,
                                      Instant now) {
        List<String> unready = statuses.stream().filter(s -> !s.isReady()).map(ContainerStatus::name).toList();
        List<String> incomplete = inits.stream().filter(s -> !s.isReady()).map(ContainerStatus::name).toList();
        boolean terminal = PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase);
        String reason = terminal ? "PodCompleted" : unready.isEmpty() ? null : "ContainersNotReady";
        String message = terminal || unready.isEmpty() ? null : "containers with unready status: " + unready;
        String ready = unready.isEmpty() && !terminal ? Condition.TRUE : Condition.FALSE;
        now = seconds(now);
        Condition initialized = incomplete.isEmpty()
                ? Condition.of("Initialized", Condition.TRUE, terminal ? "PodCompleted" : null, null, now)
                : Condition.of("Initialized", Condition.FALSE, "ContainersNotInitialized",
                        "containers with incomplete status: " + incomplete, now);
        List<Condition> wanted = List.of(initialized,
                Condition.of("Ready", ready, reason, message, now),
                Condition.of("ContainersReady", ready, reason, message, now),
                Condition.of("PodScheduled", Condition.TRUE, null, null, now));
        List<Condition> conditions = new ArrayList<>(wanted.stream().map(c -> keepTransitionTime(c, pod.status().conditions())).toList());
        // Conditions of other writers (readiness gates, DisruptionTarget ...) are theirs: kept as they are.
        pod.status().conditions().stream().filter(c -> wanted.stream().noneMatch(w -> w.type().equals(c.type())))
                .forEach(conditions::add);
        return conditions;
    }

    private static Condition keepTransitionTime(Condition c, List<Condition> old) {
        return Condition.find(old, c.type()).filter(o -> c.status().equals(o.status()))
                .map(o -> new Condition(c.type(), c.status(), null, null, null, o.lastTransitionTime(), c.reason(), c.message()))
                .orElse(c);
    }

    /** Kubernetes' QoS class: Guaranteed (limits = requests for cpu and memory everywhere), Burstable, BestEffort. */
    static String qosClass(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : pod.spec().containers()) {
            var r = c.resources();
            any |= !r.limits().isEmpty() || !r.requests().isEmpty();
            for (String res : List.of("cpu", "memory")) {
                guaranteed &= r.limits().containsKey(res) && r.limits().get(res).equals(r.requests().get(res));
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
