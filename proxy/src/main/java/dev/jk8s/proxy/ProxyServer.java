package dev.jk8s.proxy;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Service;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.client.informer.SharedInformerFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's proxy: secures the service range, then keeps a {@link Proxier} in step with the
 * Services and Endpoints it learns by list+watch. Every change asks for a sync; a sync reads
 * the whole state from the caches (level-triggered: events carry no data it trusts) and hands
 * it to the proxier. Closing stops syncing but leaves the rules in place, as kube-proxy does, so
 * that a restart serves without a gap; {@link Proxier#cleanup} removes them. Thread-safe;
 * {@link #close} is idempotent.
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    /** Timing: {@code minSyncPeriod} between two syncs at least, {@code syncPeriod} at most. */
    public record Options(Duration minSyncPeriod, Duration syncPeriod, Duration cacheSyncTimeout) {
        public static final Options DEFAULT = new Options(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    private final Proxier proxier;
    private final Options options;
    private final SharedInformerFactory informers;
    private final SharedInformer<Service> services;
    private final SharedInformer<Endpoints> endpoints;
    private final ProxyMetrics metrics = new ProxyMetrics();
    private final SyncRunner runner;

    private ProxyServer(ApiClient client, Proxier proxier, Options options) {
        this.proxier = proxier;
        this.options = options;
        this.informers = new SharedInformerFactory(client);
        this.services = informers.informer(Kinds.SERVICE);
        this.endpoints = informers.informer(Kinds.ENDPOINTS);
        this.runner = new SyncRunner("proxy-sync", options.minSyncPeriod(), options.syncPeriod(), this::sync);
    }

    /**
     * Secures the range, waits for the caches, and programs the first sync before returning.
     *
     * @throws IllegalStateException when the caches do not sync within the timeout (the apiserver is unreachable)
     * @throws CommandException      when the range cannot be secured; nothing is routed then
     */
    public static ProxyServer start(ApiClient client, Proxier proxier, Options options) throws Exception {
        proxier.secure();
        ProxyServer server = new ProxyServer(client, proxier, options);
        server.services.addEventHandler(ResourceEventHandler.onChange(s -> server.runner.request()));
        server.endpoints.addEventHandler(ResourceEventHandler.onChange(e -> server.runner.request()));
        server.informers.start();
        try {
            if (!server.informers.awaitSynced(options.cacheSyncTimeout())) {
                throw new IllegalStateException("cannot list Services and Endpoints from the apiserver within "
                        + options.cacheSyncTimeout().toSeconds() + " s; is it running? (bin/cluster status)");
            }
            server.sync(-1);
        } catch (Exception e) {
            server.informers.stop();
            throw e;
        }
        server.runner.start();
        return server;
    }

    private void sync(long since) throws Exception {
        long start = System.nanoTime();
        List<ServicePortTarget> targets = ServicePortTarget.of(services.indexer().list(), endpointsByKey());
        try {
            Map<String, Integer> counts = proxier.sync(targets);
            long end = System.nanoTime();
            metrics.synced(end - start, since < 0 ? -1 : end - since, counts);
            LOG.debug("synced {} service ports in {} ms: {}", targets.size(), (end - start) / 1_000_000, counts);
        } catch (Exception e) {
            metrics.failed();
            throw e;
        }
    }

    private Map<String, Endpoints> endpointsByKey() {
        Map<String, Endpoints> out = new HashMap<>();
        for (Endpoints e : endpoints.indexer().list()) {
            out.put(e.metadata().namespace() + "/" + e.metadata().name(), e);
        }
        return out;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    /**
     * Why this proxy is not healthy, if it is not: its last successful sync is older than two sync
     * periods (kube-proxy's test), so the rules may be stale. For {@code /healthz}.
     */
    public Optional<String> problem() {
        long age = System.currentTimeMillis() - metrics.lastSyncMillis();
        if (age <= 2 * options.syncPeriod().toMillis()) {
            return Optional.empty();
        }
        return Optional.of("stale: the last successful sync ended " + age / 1000 + " s ago; see the proxy's log");
    }

    /** Stops syncing; rules in the kernel stay, a proxier serving from this process ({@link AutoCloseable}) stops. */
    @Override
    public void close() {
        runner.close();
        informers.stop();
        if (proxier instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the {} failed: {}", proxier.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
