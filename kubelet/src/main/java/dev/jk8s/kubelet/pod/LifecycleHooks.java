package dev.jk8s.kubelet.pod;

import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.LifecycleHandler;
import dev.jk8s.api.core.Pod;
import dev.jk8s.kubelet.probe.HookHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's lifecycle hooks as Kubernetes' kubelet runs them ({@code executePreStopHook},
 * {@code killContainer}): preStop before the SIGTERM, inside the same grace period, and postStart
 * right after the start. A failing hook is logged and recorded as a Warning event on the pod; it
 * never stops the stop. Thread-safe.
 */
final class LifecycleHooks {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleHooks.class);

    private final HookHandlers handlers;
    private final PodApi api;
    private final Clock clock;

    LifecycleHooks(HookHandlers handlers, PodApi api, Clock clock) {
        this.handlers = handlers;
        this.api = api;
        this.clock = clock;
    }

    /**
     * Runs the container's preStop hook, giving it at most {@code grace}, and returns what is left
     * for SIGTERM (see {@link #graceAfterHook}). Without a hook, or with no grace at all (a kill),
     * nothing runs and {@code grace} comes back unchanged.
     *
     * @param podIp where an httpGet without a host goes; null for loopback
     */
    Duration preStop(Pod pod, Container spec, String containerId, String podIp, Duration grace) {
        LifecycleHandler hook = spec.preStop();
        if (hook == null || grace.isZero() || grace.isNegative()) {
            return grace;
        }
        Instant start = clock.instant();
        Optional<String> failure = handlers.run(hook, grace, podIp, containerId, spec);
        Duration took = Duration.between(start, clock.instant());
        failure.ifPresent(why -> failed(pod, spec, "PreStop", why));
        if (took.compareTo(grace) >= 0) {
            LOG.info("{}: preStop hook of container {} did not complete within the grace period of {} s; stopping it anyway",
                    key(pod), spec.name(), grace.toSeconds());
        }
        return graceAfterHook(grace, took);
    }

    /**
     * Runs the container's postStart hook, if any, for at most {@code budget}.
     *
     * @return false when it failed (the caller kills the container, as Kubernetes does)
     */
    boolean postStart(Pod pod, Container spec, String containerId, String podIp, Duration budget) {
        LifecycleHandler hook = spec.postStart();
        if (hook == null) {
            return true;
        }
        Optional<String> failure = handlers.run(hook, budget, podIp, containerId, spec);
        failure.ifPresent(why -> failed(pod, spec, "PostStart", why));
        return failure.isEmpty();
    }

    /**
     * The grace left for SIGTERM after a preStop hook took {@code took} of {@code grace}: the rest,
     * but never less than {@link PodSyncer#MIN_GRACE} (Kubernetes' minimumGracePeriodInSeconds), so
     * that a hook that used up the grace period still lets the process shut down.
     */
    static Duration graceAfterHook(Duration grace, Duration took) {
        Duration left = grace.minus(took.isNegative() ? Duration.ZERO : took);
        return left.compareTo(PodSyncer.MIN_GRACE) < 0 ? PodSyncer.MIN_GRACE : left;
    }

    private void failed(Pod pod, Container spec, String hook, String why) {
        LOG.warn("{}: {} hook of container {} failed: {}", key(pod), hook, spec.name(), why);
        api.event(pod, "Warning", "Failed" + hook + "Hook", hook + "Hook of container " + spec.name() + " failed: " + why);
    }

    private static String key(Pod pod) {
        return pod.metadata().namespace() + "/" + pod.metadata().name();
    }
}
