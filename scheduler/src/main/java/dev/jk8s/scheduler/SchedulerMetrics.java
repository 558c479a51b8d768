package dev.jk8s.scheduler;

import dev.jk8s.client.PrometheusText;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The scheduler's Prometheus metrics, named as kube-scheduler names them: attempts by result,
 * how long a decision took, how long pods waited from entering the queue to being bound, how
 * long a binding took, and the pending pods by queue. One registry per scheduler, so that
 * several can run in one JVM (tests, benchmarks). Thread-safe.
 */
public final class SchedulerMetrics {

    /** An attempt's result: bound, fits nowhere, or failed (an API error or a lost binding race). */
    public static final String SCHEDULED = "scheduled";
    public static final String UNSCHEDULABLE = "unschedulable";
    public static final String ERROR = "error";

    private static final double[] BUCKETS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter attempts = Counter.builder()
            .name("scheduler_schedule_attempts_total")
            .help("Scheduling attempts by result (scheduled counts bindings that succeeded)")
            .labelNames("result")
            .register(registry);
    private final Histogram attemptDuration = Histogram.builder()
            .name("scheduler_scheduling_attempt_duration_seconds")
            .help("How long one scheduling decision took (snapshot, filters, scores), by result")
            .labelNames("result")
            .classicUpperBounds(BUCKETS)
            .register(registry);
    private final Histogram podSchedulingDuration = Histogram.builder()
            .name("scheduler_pod_scheduling_duration_seconds")
            .help("From a pod entering the queue to its binding, over all its attempts")
            .classicUpperBounds(BUCKETS)
            .register(registry);
    private final Histogram bindingDuration = Histogram.builder()
            .name("scheduler_binding_duration_seconds")
            .help("How long writing a binding took")
            .classicUpperBounds(BUCKETS)
            .register(registry);

    /**
     * @param active   pods waiting in the queue
     * @param unschedulable pods that fit nowhere at their last attempt
     * @param binding  pods decided but not yet shown bound
     * @param eventsDropped events not written because too many were waiting
     */
    public SchedulerMetrics(IntSupplier active, IntSupplier unschedulable, IntSupplier binding, LongSupplier eventsDropped) {
        GaugeWithCallback.builder()
                .name("scheduler_pending_pods")
                .help("Pending pods by queue: active (to be scheduled), unschedulable (fit nowhere), binding")
                .labelNames("queue")
                .callback(cb -> {
                    cb.call(active.getAsInt(), "active");
                    cb.call(unschedulable.getAsInt(), "unschedulable");
                    cb.call(binding.getAsInt(), "binding");
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("scheduler_events_dropped_total")
                .help("Events (Scheduled, FailedScheduling) dropped because 1,000 were already waiting to be written")
                .callback(cb -> cb.call(eventsDropped.getAsLong()))
                .register(registry);
        for (String result : new String[] {SCHEDULED, UNSCHEDULABLE, ERROR}) {
            attempts.labelValues(result); // present at 0 from the start, as Prometheus advises
        }
    }

    /** One decision that took {@code nanos}; a {@link #SCHEDULED} decision counts when its binding succeeds. */
    public void decided(String result, long nanos) {
        attemptDuration.labelValues(result).observe(nanos / 1e9);
        if (!SCHEDULED.equals(result)) {
            attempts.labelValues(result).inc();
        }
    }

    /** A binding succeeded after {@code bindNanos}; the pod entered the queue {@code sinceQueuedNanos} ago. */
    public void bound(long bindNanos, long sinceQueuedNanos) {
        attempts.labelValues(SCHEDULED).inc();
        bindingDuration.observe(bindNanos / 1e9);
        podSchedulingDuration.observe(sinceQueuedNanos / 1e9);
    }

    /** A binding failed (the pod is retried). */
    public void bindFailed(long bindNanos) {
        attempts.labelValues(ERROR).inc();
        bindingDuration.observe(bindNanos / 1e9);
    }

    public long attempts(String result) {
        return (long) attempts.labelValues(result).get();
    }

    /** The Prometheus text exposition. */
    public String text() {
        return PrometheusText.of(registry);
    }
}
