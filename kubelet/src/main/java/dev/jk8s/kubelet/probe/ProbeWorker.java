package dev.jk8s.kubelet.probe;

import dev.jk8s.api.core.Probe;
import dev.jk8s.kubelet.probe.ProbeResult.Status;
import dev.jk8s.kubelet.runtime.PodRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one container instance with one of its probes until stopped, or until the probe has
 * nothing more to say (liveness or startup failed; startup succeeded).
 *
 * <p>No thread of its own: the scheduler only times runs, which are handed to the probe executor
 * because they block. A run schedules the next one when it ends, so at most one run per worker is
 * ever queued or running, and a slow probe cannot pile up runs.
 *
 * <p>Thread-safe: {@link #stop()} and the readers may be called from any thread.
 */
final class ProbeWorker {

    private static final Logger log = LoggerFactory.getLogger(ProbeWorker.class);

    /** What every worker of a manager shares. */
    record Services(Prober prober, ScheduledExecutorService scheduler, Executor probeExecutor, Clock clock,
                    Duration tick) {
    }

    private final Services services;
    private final PodRef pod;
    private final RunningContainer container;
    private final ProbeType type;
    private final Probe probe;
    private final ProbeSettings settings;
    private final BooleanSupplier mayRun;
    private final Runnable onChange;
    private final ProbeState state;
    private volatile String podIp;
    private volatile Status result;
    private volatile String lastFailure;
    private volatile boolean stopped;
    private ScheduledFuture<?> next;

    /**
     * @param mayRun   asked before each run; false skips it (liveness and readiness wait for startup)
     * @param onChange called, from a probe thread, after the result changed
     */
    ProbeWorker(Services services, PodRef pod, String podIp, RunningContainer container, ProbeType type,
                Probe probe, BooleanSupplier mayRun, Runnable onChange) {
        this.services = services;
        this.pod = pod;
        this.podIp = podIp;
        this.container = container;
        this.type = type;
        this.probe = probe;
        this.settings = ProbeSettings.of(probe, services.tick());
        this.mayRun = mayRun;
        this.onChange = onChange;
        this.state = new ProbeState(type, settings.successThreshold(), settings.failureThreshold());
        this.result = state.result();
    }

    void start() {
        schedule(settings.firstDelay(container.startedAt(), services.clock().instant()));
    }

    /** Idempotent. A run already under way finishes, but its outcome is dropped. */
    void stop() {
        stopped = true;
        synchronized (this) {
            if (next != null) {
                next.cancel(false);
            }
        }
    }

    PodRef pod() {
        return pod;
    }

    String containerId() {
        return container.containerId();
    }

    void podIp(String ip) {
        podIp = ip;
    }

    Status result() {
        return result;
    }

    Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private synchronized void schedule(Duration delay) {
        if (stopped || state.finished()) {
            return;
        }
        try {
            next = services.scheduler().schedule(this::dispatch, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            stopAsShutDown(e);
        }
    }

    private void dispatch() {
        try {
            services.probeExecutor().execute(this::runOnce);
        } catch (RejectedExecutionException e) {
            stopAsShutDown(e);
        }
    }

    private void runOnce() {
        Instant start = services.clock().instant();
        try {
            if (!stopped && mayRun.getAsBoolean()) {
                record(probeOnce());
            }
        } finally {
            schedule(settings.nextDelay(start, services.clock().instant()));
        }
    }

    private ProbeResult probeOnce() {
        try {
            return services.prober().run(probe, settings.timeout(), podIp, container);
        } catch (RuntimeException e) {
            // the prober promises not to throw; should it, the worker must live on
            log.warn("pod {}: {} probe of container {} threw", pod.key(), type.label(), container.name(), e);
            return ProbeResult.unknown(e.toString());
        }
    }

    private void record(ProbeResult run) {
        if (stopped) {
            return; // the container was removed while this ran: its verdict is about nothing
        }
        if (run.status() != Status.SUCCESS) {
            // before the result: whoever sees a failed result must find its message
            lastFailure = run.describe(type);
            log.debug("pod {}: container {}: {}", pod.key(), container.name(), lastFailure);
        }
        boolean changed;
        synchronized (this) {
            changed = state.record(run.status());
            result = state.result();
        }
        if (changed) {
            announce();
        }
    }

    private void announce() {
        log.info("pod {}: {} probe of container {} ({}) is now {}", pod.key(), type.label(), container.name(),
                container.containerId(), result);
        try {
            onChange.run();
        } catch (RuntimeException e) {
            log.warn("pod {}: the probe result listener threw", pod.key(), e);
        }
    }

    private void stopAsShutDown(RejectedExecutionException e) {
        stopped = true;
        log.debug("pod {}: {} probe of container {} stops: its executor is shut down", pod.key(), type.label(),
                container.name(), e);
    }
}
