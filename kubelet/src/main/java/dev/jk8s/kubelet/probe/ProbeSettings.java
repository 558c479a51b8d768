package dev.jk8s.kubelet.probe;

import dev.jk8s.api.core.Probe;
import java.time.Duration;
import java.time.Instant;

/**
 * A probe's timing with Kubernetes' defaults filled in, and when its runs are due.
 *
 * <p>{@code initialDelay} and {@code period} are measured in {@code tick}s: one second in
 * production, shorter in tests so that thresholds can be crossed quickly. {@code timeout} is
 * always real seconds: it bounds a real network call or command.
 */
record ProbeSettings(Duration initialDelay, Duration period, Duration timeout, int successThreshold,
                     int failureThreshold) {

    static final int DEFAULT_PERIOD_SECONDS = 10;
    static final int DEFAULT_TIMEOUT_SECONDS = 1;
    static final int DEFAULT_SUCCESS_THRESHOLD = 1;
    static final int DEFAULT_FAILURE_THRESHOLD = 3;

    /** Absent or zero fields take Kubernetes' defaults (its API server defaults zeros the same way). */
    static ProbeSettings of(Probe probe, Duration tick) {
        return new ProbeSettings(
                tick.multipliedBy(orDefault(probe.initialDelaySeconds(), 0)),
                tick.multipliedBy(orDefault(probe.periodSeconds(), DEFAULT_PERIOD_SECONDS)),
                Duration.ofSeconds(orDefault(probe.timeoutSeconds(), DEFAULT_TIMEOUT_SECONDS)),
                orDefault(probe.successThreshold(), DEFAULT_SUCCESS_THRESHOLD),
                orDefault(probe.failureThreshold(), DEFAULT_FAILURE_THRESHOLD));
    }

    /** How long from {@code now} until the first run: none before {@code initialDelay} after the start. */
    Duration firstDelay(Instant startedAt, Instant now) {
        return nonNegative(Duration.between(now, startedAt.plus(initialDelay)));
    }

    /**
     * How long from {@code now} until the run after one that began at {@code lastStart}. Runs keep
     * the period from start to start, like Kubernetes' ticker; one that overran its period is followed
     * at once rather than after a whole further period.
     */
    Duration nextDelay(Instant lastStart, Instant now) {
        return nonNegative(Duration.between(now, lastStart.plus(period)));
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null || value == 0 ? fallback : value;
    }
}
