package dev.jk8s.apiserver;

import dev.jk8s.apiserver.grpc.ApiService;
import dev.jk8s.apiserver.http.HealthServer;
import dev.jk8s.apiserver.logs.PodLogs;
import dev.jk8s.apiserver.registry.EventJanitor;
import dev.jk8s.apiserver.registry.Registry;
import dev.jk8s.apiserver.registry.allocation.ServiceAllocations;
import dev.jk8s.apiserver.storage.Store;
import dev.jk8s.apiserver.storage.internal.EtcdStore;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running apiserver: the gRPC API on one port, health and metrics on another, etcd behind.
 * {@link Main} starts one from flags; tests start one in-process. Start once, close once.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /**
     * What to start: etcd endpoints, addresses and tuning, and the Services' ranges
     * ({@code serviceCidr}, default 10.96.0.0/12, Kubernetes' and clear of Docker's bridges;
     * {@code nodePortRange}, default 30000-32767). Ports 0 pick free ones. {@code tls}: the gRPC API's
     * certificate and how kubelets are reached; null serves plaintext, which only in-process tests do
     * (the apiserver process requires TLS, see {@link Main}).
     */
    public record Options(String etcdServers, String bindAddress, int port, int httpPort, int watchCacheSize,
                          Duration compactionInterval, Duration etcdTimeout, Duration eventTtl, String serviceCidr,
                          String nodePortRange, ApiServerTls tls) {

        public static final String DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
        public static final String DEFAULT_NODE_PORT_RANGE = "30000-32767";

        public static Options defaults(String etcdServers) {
            return new Options(etcdServers, "127.0.0.1", 6443, 6080, 10_000, Duration.ofMinutes(5), Duration.ofSeconds(5),
                    Duration.ofHours(1), DEFAULT_SERVICE_CIDR, DEFAULT_NODE_PORT_RANGE, null);
        }

        public Options withPorts(int port, int httpPort) {
            return new Options(etcdServers, bindAddress, port, httpPort, watchCacheSize, compactionInterval, etcdTimeout,
                    eventTtl, serviceCidr, nodePortRange, tls);
        }

        public Options withCompactionInterval(Duration interval) {
            return new Options(etcdServers, bindAddress, port, httpPort, watchCacheSize, interval, etcdTimeout, eventTtl,
                    serviceCidr, nodePortRange, tls);
        }

        public Options withEtcdTimeout(Duration timeout) {
            return new Options(etcdServers, bindAddress, port, httpPort, watchCacheSize, compactionInterval, timeout,
                    eventTtl, serviceCidr, nodePortRange, tls);
        }

        /** Serves TLS as {@code value} says; null: plaintext (in-process tests only). */
        public Options withTls(ApiServerTls value) {
            return new Options(etcdServers, bindAddress, port, httpPort, watchCacheSize, compactionInterval, etcdTimeout,
                    eventTtl, serviceCidr, nodePortRange, value);
        }
    }

    /** Events kept per object; older ones are deleted by the janitor. */
    static final int EVENTS_PER_OBJECT = 50;

    private final Store store;
    private final ServerMetrics metrics = new ServerMetrics();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService sendExecutor;
    private final Registry registry;
    private final PodLogs logs;
    private final Compactor compactor;
    private Server grpc;
    private HealthServer health;
    private final ReadinessProbe readiness;

    private ApiServer(Options o) throws IOException {
        // read the certificates first: a bad file must fail the start before anything runs
        SslContext serving = o.tls() == null ? null : o.tls().server();
        SslContext kubelets = o.tls() == null ? null : o.tls().kubeletClient();
        store = new EtcdStore(o.etcdServers(), o.etcdTimeout());
        scheduler = Executors.newScheduledThreadPool(2, daemon("apiserver-scheduler"));
        sendExecutor = Executors.newFixedThreadPool(4, daemon("watch-send"));
        registry = new Registry(store, Clock.systemUTC(), o.watchCacheSize(), sendExecutor, scheduler, metrics,
                new ServiceAllocations(store, o.serviceCidr(), o.nodePortRange()));
        logs = new PodLogs(registry, kubelets);
        compactor = new Compactor(store, registry);
        readiness = new ReadinessProbe(store);
        registry.start(historyStart());
        compactor.schedule(scheduler, o.compactionInterval());
        EventJanitor janitor = new EventJanitor(registry, Clock.systemUTC(), EVENTS_PER_OBJECT, o.eventTtl());
        scheduler.scheduleWithFixedDelay(() -> sweep(janitor), 1, 1, TimeUnit.MINUTES);
        try {
            grpc = NettyServerBuilder.forAddress(new InetSocketAddress(o.bindAddress(), o.port()))
                    .sslContext(serving) // null: plaintext
                    .addService(new ApiService(registry, logs, metrics))
                    // a create never blocks (it waits for etcd asynchronously): run it where it arrives
                    .maxInboundMessageSize(8 * 1024 * 1024)
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .build()
                    .start();
            health = new HealthServer(o.bindAddress(), o.httpPort(), () -> readiness.ready() && registry.isReady(),
                    metrics::write);
        } catch (IOException | RuntimeException e) {
            close(); // a port in use must not leave etcd watches and threads behind
            throw e;
        }
        LOG.info("apiserver serving gRPC ({}) on {}:{}, health and metrics on http://{}:{}, etcd at {}",
                serving == null ? "plaintext" : "TLS", o.bindAddress(), port(), o.bindAddress(), httpPort(), o.etcdServers());
    }

    /** Starts an apiserver; it keeps retrying etcd in the background if etcd is not there yet. */
    public static ApiServer start(Options options) throws IOException {
        return new ApiServer(options);
    }

    private static void sweep(EventJanitor janitor) {
        try {
            int deleted = janitor.sweep();
            if (deleted > 0) {
                LOG.info("deleted {} old events", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("event clean-up skipped: {}", e.getMessage());
        }
    }

    private long historyStart() {
        try {
            return compactor.lastCompacted();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the last compaction yet ({}); watch history starts at the current revision",
                    e.getMessage());
            return Long.MAX_VALUE;
        }
    }

    public int port() {
        return grpc.getPort();
    }

    public int httpPort() {
        return health.port();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public Compactor compactor() {
        return compactor;
    }

    public void awaitTermination() throws InterruptedException {
        grpc.awaitTermination();
    }

    @Override
    public void close() {
        if (grpc != null) {
            grpc.shutdownNow();
        }
        if (health != null) {
            health.close();
        }
        logs.close();
        registry.close();
        scheduler.shutdownNow();
        sendExecutor.shutdownNow();
        store.close();
        awaitGrpcTermination();
    }

    private void awaitGrpcTermination() {
        try {
            if (grpc != null) {
                grpc.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
