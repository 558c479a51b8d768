package dev.jk8s.controllermanager.controller;

import dev.jk8s.client.PrometheusText;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The controllers' Prometheus metrics: syncs by controller and result, their latency, and each
 * work queue's depth. One registry per controller-manager, so several can run in one JVM.
 * Thread-safe.
 */
public final class ControllerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter syncs = Counter.builder()
            .name("controller_syncs_total")
            .help("sync(key) calls by controller and result (success, error)")
            .labelNames("controller", "result")
            .register(registry);
    private final Histogram syncDuration = Histogram.builder()
            .name("controller_sync_duration_seconds")
            .help("How long one sync(key) took, by controller")
            .labelNames("controller")
            .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    private final Map<String, IntSupplier> depths = new ConcurrentHashMap<>();

    public ControllerMetrics() {
        GaugeWithCallback.builder()
                .name("workqueue_depth")
                .help("Keys waiting in each controller's work queue")
                .labelNames("name")
                .callback(cb -> depths.forEach((name, depth) -> cb.call(depth.getAsInt(), name)))
                .register(registry);
    }

    /** Reports {@code depth} as the queue depth of {@code controller}. */
    public void queue(String controller, IntSupplier depth) {
        depths.put(controller, depth);
        syncs.labelValues(controller, "success");
        syncs.labelValues(controller, "error");
    }

    public void synced(String controller, boolean ok, long nanos) {
        syncs.labelValues(controller, ok ? "success" : "error").inc();
        syncDuration.labelValues(controller).observe(nanos / 1e9);
    }

    public long syncs(String controller, boolean ok) {
        return (long) syncs.labelValues(controller, ok ? "success" : "error").get();
    }

    /** The Prometheus text exposition. */
    public String text() {
        return PrometheusText.of(registry);
    }
}
