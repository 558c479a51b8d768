package dev.jk8s.kubelet.pod;

import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerState.Waiting;
import dev.jk8s.api.core.Pod;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides what one sync of a pod that should run does, from the pod's spec and what the runtime
 * shows; no I/O, no clock, no threads. Level-triggered: the same inputs give the same plan, and
 * carrying a plan out and planning again converges (nothing is started twice, because every
 * instance started is visible in the next observation with its attempt number).
 *
 * <p>Kubernetes' rules: a pod has one running sandbox; init containers run one at a time, in
 * order, each until it exits with 0, before the app containers; a container without an instance starts;
 * an exited one restarts per {@code restartPolicy} (Always; OnFailure when its exit code is not
 * 0; Never) unless its restart is in back-off; a running one whose liveness probe failed is
 * stopped (and then restarts per policy). The newest two instances of each container are kept
 * (the previous one for {@code logs --previous}); older ones and those of another pod with the
 * same name are removed.
 */
public final class PodPlanner {

    private PodPlanner() {
    }

    /**
     * What the planner needs besides the pod and its containers.
     *
     * @param livenessFailed  container ids whose liveness probe has failed
     * @param restartBlocked  an ended container instance → the waiting state to show while its restart is in back-off
     * @param startBlocked    container name → the waiting state to show while starting it is in
     *                        back-off after a failure (e.g. ImagePullBackOff)
     */
    public record Observations(Predicate<String> livenessFailed, Function<RuntimeContainer, Optional<Waiting>> restartBlocked,
                               Function<String, Optional<Waiting>> startBlocked) {
    }

    /** The plan for {@code pod}, which is neither terminating nor gone; {@code observed} is all of its name's containers. */
    public static PodPlan plan(Pod pod, List<RuntimeContainer> observed, Observations obs) {
        String uid = pod.metadata().uid();
        List<PodPlan.Stop> stop = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        observed.stream().filter(c -> !uid.equals(c.pod().uid()))
                .forEach(c -> stopAndRemove(c, "its pod was replaced", stop, remove));

        List<RuntimeContainer> mine = observed.stream().filter(c -> uid.equals(c.pod().uid())).toList();
        Optional<RuntimeContainer> sandbox = newestRunningSandbox(mine);
        mine.stream().filter(RuntimeContainer::isSandbox).filter(s -> sandbox.map(k -> !k.id().equals(s.id())).orElse(true))
                .forEach(s -> stopAndRemove(s, "the pod has a newer sandbox", stop, remove));
        if (sandbox.isEmpty()) {
            // The old network namespace is gone: containers still running in it are stopped and
            // restart (per policy) in the new sandbox.
            mine.stream().filter(c -> !c.isSandbox() && c.isRunning())
                    .forEach(c -> stop.add(new PodPlan.Stop(c, "the pod's sandbox is not running", false)));
        }

        Map<String, List<RuntimeContainer>> byName = instancesByName(mine);
        List<PodPlan.Start> start = new ArrayList<>();
        Map<String, Waiting> waiting = new HashMap<>();
        // Init containers run one at a time, each to success, before any app container starts.
        List<Container> due = pendingInit(pod, byName).map(List::of).orElse(pod.spec().containers());
        boolean anyWillRun = false;
        for (Container c : due) {
            anyWillRun |= planContainer(pod, c, byName.getOrDefault(c.name(), List.of()), sandbox.isPresent(), obs, stop,
                    start, waiting);
        }
        prune(pod, byName, start, stop, remove);
        boolean finished = !anyWillRun && sandbox.isPresent();
        return new PodPlan(stop, remove, sandbox.map(RuntimeContainer::id).orElse(null), sandbox.isEmpty() && anyWillRun,
                start, waiting, finished);
    }

    /**
     * Keeps the newest two instances of each container (a new one about to start counts as the
     * newest) and removes the containers of names the spec does not have.
     */
    private static void prune(Pod pod, Map<String, List<RuntimeContainer>> byName, List<PodPlan.Start> start,
                              List<PodPlan.Stop> stop, List<String> remove) {
        List<String> known = allContainers(pod).stream().map(Container::name).toList();
        byName.forEach((name, instances) -> {
            if (!known.contains(name)) {
                instances.forEach(c -> stopAndRemove(c, "not in the pod's spec", stop, remove));
                return;
            }
            boolean starting = start.stream().anyMatch(s -> s.name().equals(name));
            List<RuntimeContainer> ran = instances.stream().filter(i -> i.state() != RuntimeContainer.State.CREATED).toList();
            instances.stream().filter(i -> i.state() == RuntimeContainer.State.CREATED && starting).forEach(i -> remove.add(i.id()));
            ran.stream().skip(starting ? 1 : 2).filter(i -> !i.isRunning()).forEach(i -> remove.add(i.id()));
        });
    }

    /** The first init container that has not yet exited with 0, if any: until none is left, the pod is initializing. */
    static Optional<Container> pendingInit(Pod pod, Map<String, List<RuntimeContainer>> byName) {
        for (Container c : pod.spec().initContainers()) {
            List<RuntimeContainer> instances = byName.getOrDefault(c.name(), List.of());
            if (instances.isEmpty() || !succeeded(instances.get(0))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    static boolean succeeded(RuntimeContainer c) {
        return c.state() == RuntimeContainer.State.EXITED && Integer.valueOf(0).equals(c.exitCode());
    }

    static List<Container> allContainers(Pod pod) {
        List<Container> all = new ArrayList<>(pod.spec().initContainers());
        all.addAll(pod.spec().containers());
        return all;
    }

    /** Plans one container; returns whether it runs or will run (now or after a back-off). */
    private static boolean planContainer(Pod pod, Container c, List<RuntimeContainer> instances, boolean sandboxRunning,
                                         Observations obs, List<PodPlan.Stop> stop, List<PodPlan.Start> start,
                                         Map<String, Waiting> waiting) {
        RuntimeContainer latest = instances.isEmpty() ? null : instances.get(0);
        if (latest == null) {
            return startUnlessBlocked(c.name(), 0, obs.startBlocked(), start, waiting);
        }
        switch (latest.state()) {
            case RUNNING -> {
                if (obs.livenessFailed().test(latest.id())) {
                    stop.add(new PodPlan.Stop(latest, "its liveness probe failed", true));
                    return restarts(pod, 137);
                }
                return sandboxRunning || restarts(pod, 137);
            }
            case CREATED -> {
                // Created but never started (a kubelet killed half-way): not a restart, the same
                // attempt again; prune removes the leftover.
                return startUnlessBlocked(c.name(), latest.attempt(), obs.startBlocked(), start, waiting);
            }
            case UNKNOWN -> {
                return true; // paused, restarting or being removed by someone else: look again later
            }
            default -> {
                return planEnded(pod, c, latest, obs, start, waiting);
            }
        }
    }

    /** An instance that exited: restart it per policy, unless in back-off. */
    private static boolean planEnded(Pod pod, Container c, RuntimeContainer latest, Observations obs,
                                     List<PodPlan.Start> start, Map<String, Waiting> waiting) {
        if (!restarts(pod, latest.exitCode())) {
            return false;
        }
        Optional<Waiting> backoff = obs.restartBlocked().apply(latest);
        if (backoff.isPresent()) {
            waiting.put(c.name(), backoff.get());
            return true;
        }
        return startUnlessBlocked(c.name(), latest.attempt() + 1, obs.startBlocked(), start, waiting);
    }

    private static boolean startUnlessBlocked(String name, int attempt, Function<String, Optional<Waiting>> blocked,
                                              List<PodPlan.Start> start, Map<String, Waiting> waiting) {
        Optional<Waiting> w = blocked.apply(name);
        if (w.isPresent()) {
            waiting.put(name, w.get());
        } else {
            start.add(new PodPlan.Start(name, attempt));
        }
        return true;
    }

    /** Whether a container that ended with {@code exitCode} starts again under the pod's restartPolicy. */
    static boolean restarts(Pod pod, Integer exitCode) {
        return switch (restartPolicy(pod)) {
            case "Never" -> false;
            case "OnFailure" -> exitCode == null || exitCode != 0;
            default -> true;
        };
    }

    static String restartPolicy(Pod pod) {
        String p = pod.spec().restartPolicy();
        return p == null ? "Always" : p;
    }

    private static Optional<RuntimeContainer> newestRunningSandbox(List<RuntimeContainer> mine) {
        return mine.stream().filter(RuntimeContainer::isSandbox).filter(RuntimeContainer::isRunning)
                .max(Comparator.comparing(RuntimeContainer::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    /** App containers by name, newest attempt first. */
    static Map<String, List<RuntimeContainer>> instancesByName(List<RuntimeContainer> containers) {
        Map<String, List<RuntimeContainer>> byName = new HashMap<>();
        for (RuntimeContainer c : containers) {
            if (!c.isSandbox()) {
                byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
            }
        }
        byName.values().forEach(l -> l.sort(Comparator.comparingInt(RuntimeContainer::attempt).reversed()));
        return byName;
    }

    private static void stopAndRemove(RuntimeContainer c, String reason, List<PodPlan.Stop> stop, List<String> remove) {
        if (c.isRunning()) {
            stop.add(new PodPlan.Stop(c, reason, false));
        }
        remove.add(c.id());
    }
}
