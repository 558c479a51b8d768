package dev.jk8s.proxy;

import dev.jk8s.client.PrometheusText;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;

/**
 * The proxy's Prometheus metrics, named as kube-proxy names them where it has one: how long a
 * sync took, how long a change waited until it was programmed, how many syncs ran (by result),
 * when the last one succeeded, and what is programmed now. One registry per proxy. Thread-safe.
 */
public final class ProxyMetrics {

    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram syncDuration = Histogram.builder()
            .name("kubeproxy_sync_proxy_rules_duration_seconds")
            .help("How long one sync of the rules took")
            .classicUpperBounds(BUCKETS)
            .register(registry);
    private final Histogram programmingDuration = Histogram.builder()
            .name("kubeproxy_network_programming_duration_seconds")
            .help("From the proxy seeing a Service or Endpoints change to the rules serving it")
            .classicUpperBounds(BUCKETS)
            .register(registry);
    private final Counter syncs = Counter.builder()
            .name("kubeproxy_sync_proxy_rules_total")
            .help("Syncs of the rules, by result (success, error)")
            .labelNames("result")
            .register(registry);
    private final Gauge lastSync = Gauge.builder()
            .name("kubeproxy_sync_proxy_rules_last_timestamp_seconds")
            .help("When the last successful sync ended, in seconds since the epoch")
            .register(registry);
    private final Gauge programmed = Gauge.builder()
            .name("kubeproxy_sync_proxy_rules_programmed")
            .help("What the last successful sync programmed, by kind (iptables: rules per table; userspace: listeners)")
            .labelNames("kind")
            .register(registry);

    public ProxyMetrics() {
        syncs.labelValues("success");
        syncs.labelValues("error");
    }

    /** A sync succeeded after {@code nanos}; it served changes seen {@code sinceChangeNanos} ago (negative: none). */
    void synced(long nanos, long sinceChangeNanos, Map<String, Integer> counts) {
        syncDuration.observe(nanos / 1e9);
        if (sinceChangeNanos >= 0) {
            programmingDuration.observe(sinceChangeNanos / 1e9);
        }
        syncs.labelValues("success").inc();
        lastSync.set(System.currentTimeMillis() / 1e3);
        counts.forEach((kind, n) -> programmed.labelValues(kind).set(n));
    }

    void failed() {
        syncs.labelValues("error").inc();
    }

    /** When the last successful sync ended, in {@link System#currentTimeMillis} (0: none yet). */
    public long lastSyncMillis() {
        return (long) (lastSync.get() * 1e3);
    }

    /** Successful syncs so far. */
    public long syncs() {
        return (long) syncs.labelValues("success").get();
    }

    /** The Prometheus text exposition. */
    public String text() {
        return PrometheusText.of(registry);
    }
}
