package dev.jk8s.kubelet.pod;

import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Pod;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops containers in the background, each at most once at a time, and wakes the pod when a stop
 * is done. A stop waits out a grace period (up to minutes), so it must not hold a pod worker:
 * while one pod's containers are given their 300 s, every other pod of the node goes on. A
 * container's preStop hook runs first, on the same thread, inside the same grace period
 * ({@link LifecycleHooks#preStop}). Thread-safe.
 */
final class ContainerStopper {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerStopper.class);

    private final ContainerRuntime runtime;
    private final LifecycleHooks hooks;
    private final Executor executor;
    private final Consumer<PodRef> wake;
    private final Map<String, PodRef> stopping = new ConcurrentHashMap<>();

    /** @param wake called with the container's pod after each stop, from the executor's thread */
    ContainerStopper(ContainerRuntime runtime, LifecycleHooks hooks, Executor executor, Consumer<PodRef> wake) {
        this.runtime = runtime;
        this.hooks = hooks;
        this.executor = executor;
        this.wake = wake;
    }

    /**
     * The container's spec with a preStop hook to run before the SIGTERM, its pod (for events)
     * and where the hook's httpGet goes (null: loopback).
     */
    record PreStop(Pod pod, Container spec, String podIp) {
    }

    /**
     * Starts stopping the container (its preStop hook if {@code preStop} is not null, then SIGTERM,
     * what is left of {@code grace}, kill) unless that is already under way; returns at once.
     */
    void stop(RuntimeContainer c, Duration grace, String why, PreStop preStop) {
        if (stopping.putIfAbsent(c.id(), c.pod()) != null) {
            return;
        }
        LOG.info("{}: stopping container {} ({}) within {} s{}: {}", c.pod().key(), c.name(), c.id(), grace.toSeconds(),
                preStop == null ? "" : ", its preStop hook first", why);
        executor.execute(() -> {
            try {
                Duration left = preStop == null ? grace
                        : hooks.preStop(preStop.pod(), preStop.spec(), c.id(), preStop.podIp(), grace);
                runtime.stop(c.id(), left);
            } catch (RuntimeException e) {
                LOG.warn("{}: stopping container {} ({}) failed: {}", c.pod().key(), c.name(), c.id(), e.getMessage());
            } finally {
                stopping.remove(c.id());
                wake.accept(c.pod());
            }
        });
    }

    /** Whether a stop of this container is under way. */
    boolean isStopping(String id) {
        return stopping.containsKey(id);
    }
}
