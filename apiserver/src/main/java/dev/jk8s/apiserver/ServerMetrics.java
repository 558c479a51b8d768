package dev.jk8s.apiserver;

import dev.jk8s.apiserver.registry.Registry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntConsumer;

/**
 * The apiserver's Prometheus metrics: requests by verb, resource and code, their latency,
 * client watches and etcd watches by resource. One registry per apiserver instance, so that
 * several can run in one JVM (tests). Thread-safe.
 */
public final class ServerMetrics implements Registry.WatchMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder()
            .name("apiserver_request_total")
            .help("API requests by verb, resource and result code")
            .labelNames("verb", "resource", "code")
            .register(registry);
    private final Histogram latency = Histogram.builder()
            .name("apiserver_request_duration_seconds")
            .help("API request latency by verb and resource (watches: until established)")
            .labelNames("verb", "resource")
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    private final Gauge clientWatches = Gauge.builder()
            .name("apiserver_watchers")
            .help("Open client watches by resource")
            .labelNames("resource")
            .register(registry);
    private final Gauge etcdWatches = Gauge.builder()
            .name("apiserver_etcd_watches")
            .help("Open etcd watches by resource (one per resource, however many clients watch)")
            .labelNames("resource")
            .register(registry);

    public void observe(String verb, String resource, String code, double seconds) {
        requests.labelValues(verb, resource, code).inc();
        latency.labelValues(verb, resource).observe(seconds);
    }

    @Override
    public IntConsumer etcdWatches(String resource) {
        return delta -> etcdWatches.labelValues(resource).inc(delta);
    }

    @Override
    public IntConsumer clientWatches(String resource) {
        return delta -> clientWatches.labelValues(resource).inc(delta);
    }

    public double etcdWatchCount(String resource) {
        return etcdWatches.labelValues(resource).get();
    }

    public double clientWatchCount(String resource) {
        return clientWatches.labelValues(resource).get();
    }

    public void write(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }
}
