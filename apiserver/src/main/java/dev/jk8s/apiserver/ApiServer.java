package dev.jk8s.apiserver;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Pod;
import dev.jk8s.apiserver.auth.Access;
import dev.jk8s.apiserver.auth.AuditEvent;
import dev.jk8s.apiserver.auth.AuditLog;
import dev.jk8s.apiserver.auth.AuthInterceptor;
import dev.jk8s.apiserver.auth.Authenticator;
import dev.jk8s.apiserver.auth.Authorizer;
import dev.jk8s.apiserver.auth.BootstrapTokens;
import dev.jk8s.apiserver.auth.DefaultPolicy;
import dev.jk8s.apiserver.auth.NodeAuthorizer;
import dev.jk8s.apiserver.auth.NodeCredentials;
import dev.jk8s.apiserver.auth.RbacAuthorizer;
import dev.jk8s.apiserver.auth.RbacEscalation;
import dev.jk8s.apiserver.auth.Security;
import dev.jk8s.apiserver.auth.ServiceAccountAdmission;
import dev.jk8s.apiserver.auth.ServiceAccountTokens;
import dev.jk8s.apiserver.auth.StaticTokens;
import dev.jk8s.apiserver.grpc.ApiService;
import dev.jk8s.apiserver.http.HealthServer;
import dev.jk8s.apiserver.logs.PodLogs;
import dev.jk8s.apiserver.registry.EventJanitor;
import dev.jk8s.apiserver.registry.KindStore;
import dev.jk8s.apiserver.registry.Registry;
import dev.jk8s.apiserver.registry.allocation.ServiceAllocations;
import dev.jk8s.apiserver.storage.Store;
import dev.jk8s.apiserver.storage.internal.EtcdStore;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
                          String nodePortRange, Auth auth, ApiServerTls tls) {

        public static final String DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
        public static final String DEFAULT_NODE_PORT_RANGE = "30000-32767";

        /** Defaults for an in-process server: no authentication ({@code auth} null); {@link Main} always sets it. */
        public static Options defaults(String etcdServers) {
            return new Options(etcdServers, "127.0.0.1", 6443, 6080, 10_000, Duration.ofMinutes(5), Duration.ofSeconds(5),
                    Duration.ofHours(1), DEFAULT_SERVICE_CIDR, DEFAULT_NODE_PORT_RANGE, null, null);
        }

        public Options withPorts(int port, int httpPort) {
            return new Options(etcdServers, bindAddress, port, httpPort, watchCacheSize, compactionInterval, etcdTimeout,
                    eventTtl, serviceCidr, nodePortRange, auth, tls);
        }

        public Options withCompactionInterval(Duration interval) {
            return new Options(etcdServers, bindAddress, port, httpPort, watchCacheSize, interval, etcdTimeout, eventTtl,
                    serviceCidr, nodePortRange, auth, tls);
        }

        public Options withEtcdTimeout(Duration timeout) {
            return new Options(etcdServers, bindAddress, port, httpPort, watchCacheSize, compactionInterval, timeout,
                    eventTtl, serviceCidr, nodePortRange, auth, tls);
        }

        /** Serves TLS as {@code value} says; null: plaintext (in-process tests only). */
        public Options withTls(ApiServerTls value) {
            return new Options(etcdServers, bindAddress, port, httpPort, watchCacheSize, compactionInterval, etcdTimeout,
                    eventTtl, serviceCidr, nodePortRange, auth, value);
        }

        public Options withAuth(Auth value) {
            return new Options(etcdServers, bindAddress, port, httpPort, watchCacheSize, compactionInterval, etcdTimeout,
                    eventTtl, serviceCidr, nodePortRange, value, tls);
        }
    }

    /**
     * Authentication, authorization and audit. With it every call needs a bearer token that an
     * authenticator knows (static tokens from {@code tokenAuthFile}, if given; ServiceAccount,
     * bootstrap and node tokens) and must be allowed (system:masters, the node authorizer, RBAC);
     * pods get their ServiceAccount. Without it (null in {@link Options}) every call is allowed:
     * only for in-process tests.
     *
     * @param tokenAuthFile     hashed static tokens ({@link StaticTokens}); null: none
     * @param auditLogPath      where the audit log goes; null: no audit log
     * @param auditLogMaxBytes  size at which the audit log is rotated
     * @param auditLogMaxBackups rotated files kept
     */
    public record Auth(Path tokenAuthFile, Path auditLogPath, long auditLogMaxBytes, int auditLogMaxBackups) {

        public static Auth tokens(Path tokenAuthFile) {
            return new Auth(tokenAuthFile, null, 100L * 1024 * 1024, 5);
        }

        public Auth withAuditLog(Path path, long maxBytes, int maxBackups) {
            return new Auth(tokenAuthFile, path, maxBytes, maxBackups);
        }
    }

    /** The pods cache's index of pods by {@code spec.nodeName}. */
    private static final String NODE_INDEX = "spec.nodeName";

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
    private final AuditLog audit;
    private volatile boolean policyReady;

    private ApiServer(Options o) throws IOException {
        // read the certificates first: a bad file must fail the start before anything runs
        SslContext serving = o.tls() == null ? null : o.tls().server();
        SslContext kubelets = o.tls() == null ? null : o.tls().kubeletClient();
        // a bad token file or audit path fails here, before anything runs that would need stopping
        StaticTokens tokens = o.auth() == null || o.auth().tokenAuthFile() == null ? null
                : StaticTokens.read(o.auth().tokenAuthFile());
        audit = o.auth() == null || o.auth().auditLogPath() == null ? AuditLog.none()
                : AuditLog.open(o.auth().auditLogPath(), o.auth().auditLogMaxBytes(), o.auth().auditLogMaxBackups());
        store = new EtcdStore(o.etcdServers(), o.etcdTimeout());
        scheduler = Executors.newScheduledThreadPool(2, daemon("apiserver-scheduler"));
        sendExecutor = Executors.newFixedThreadPool(4, daemon("watch-send"));
        registry = new Registry(store, Clock.systemUTC(), o.watchCacheSize(), sendExecutor, scheduler, metrics,
                new ServiceAllocations(store, o.serviceCidr(), o.nodePortRange()));
        logs = new PodLogs(registry, kubelets);
        compactor = new Compactor(store, registry);
        readiness = new ReadinessProbe(store);
        Authenticator authenticator = null;
        Security security = Security.none();
        if (o.auth() != null) {
            NodeCredentials credentials = new NodeCredentials(registry.store(Kinds.SECRET));
            authenticator = authenticator(tokens, credentials);
            security = security(credentials);
            registry.addAdmission(new ServiceAccountAdmission(registry.store(Kinds.SERVICE_ACCOUNT), registry.store(Kinds.SECRET)));
        }
        registry.start(historyStart());
        if (o.auth() != null) {
            ensureDefaultPolicy();
        } else {
            policyReady = true;
        }
        compactor.schedule(scheduler, o.compactionInterval());
        EventJanitor janitor = new EventJanitor(registry, Clock.systemUTC(), EVENTS_PER_OBJECT, o.eventTtl());
        scheduler.scheduleWithFixedDelay(() -> sweep(janitor), 1, 1, TimeUnit.MINUTES);
        try {
            ServerServiceDefinition api = new ApiService(registry, logs, metrics, security).bindService();
            grpc = listening(o)
                    .sslContext(serving) // null: plaintext
                    .addService(authenticator == null ? api : ServerInterceptors.intercept(api,
                            new AuthInterceptor(authenticator, this::unauthenticated)))
                    // a create never blocks (it waits for etcd asynchronously): run it where it arrives
                    .maxInboundMessageSize(8 * 1024 * 1024)
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .build()
                    .start();
            health = new HealthServer(addresses(o).get(0), o.httpPort(), () -> readiness.ready() && registry.isReady() && policyReady,
                    metrics::write);
        } catch (IOException | RuntimeException e) {
            close(); // a port in use must not leave etcd watches and threads behind
            throw e;
        }
        LOG.info("apiserver serving gRPC ({}) on {}:{}, health and metrics on http://{}:{}, etcd at {}",
                serving == null ? "plaintext" : "TLS", o.bindAddress(), port(), addresses(o).get(0), httpPort(), o.etcdServers());
    }

    /**
     * The gRPC server on every address of {@code bindAddress} (comma-separated: e.g. loopback and
     * the Docker bridge's, so that pods reach the API too), all on one port.
     */
    private static NettyServerBuilder listening(Options o) {
        List<String> addresses = addresses(o);
        if (addresses.size() > 1 && o.port() == 0) {
            throw new IllegalArgumentException("several bind addresses need one fixed port, not 0");
        }
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress(addresses.get(0), o.port()));
        addresses.stream().skip(1).forEach(a -> b.addListenAddress(new InetSocketAddress(a, o.port())));
        return b;
    }

    private static List<String> addresses(Options o) {
        return Arrays.stream(o.bindAddress().split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    /** Static tokens (if any), ServiceAccount tokens, bootstrap tokens, nodes' credentials. */
    private Authenticator authenticator(StaticTokens tokens, NodeCredentials credentials) {
        List<Authenticator> chain = new ArrayList<>();
        if (tokens != null) {
            chain.add(tokens);
        }
        chain.add(new ServiceAccountTokens(registry.store(Kinds.SECRET), registry.store(Kinds.SERVICE_ACCOUNT)));
        chain.add(new BootstrapTokens(registry.store(Kinds.SECRET), Clock.systemUTC()));
        chain.add(credentials);
        return Authenticator.union(chain);
    }

    /**
     * Authorization (system:masters may do anything; nodes what their pods need; everyone what RBAC
     * grants), escalation prevention on RBAC writes, the audit log and node credentials.
     */
    private Security security(NodeCredentials credentials) {
        KindStore<Pod> pods = registry.store(Kinds.POD);
        pods.addIndex(NODE_INDEX, p -> p.spec().nodeName() == null || p.spec().nodeName().isEmpty() ? List.of()
                : List.of(p.spec().nodeName()));
        RbacAuthorizer rbac = new RbacAuthorizer(registry.store(Kinds.CLUSTER_ROLE_BINDING), registry.store(Kinds.ROLE_BINDING),
                registry.store(Kinds.CLUSTER_ROLE), registry.store(Kinds.ROLE));
        Authorizer authorizer = Authorizer.union(List.of(Authorizer.privilegedGroups(),
                new NodeAuthorizer(node -> pods.byIndex(NODE_INDEX, node), pods::cached), rbac));
        return new Security(new Access(authorizer), audit,
                new RbacEscalation(rbac, authorizer, registry.store(Kinds.ROLE), registry.store(Kinds.CLUSTER_ROLE)), credentials);
    }

    /** Creates the default roles and bindings, retrying every few seconds while etcd does not answer. */
    private void ensureDefaultPolicy() {
        try {
            DefaultPolicy.ensure(registry.store(Kinds.CLUSTER_ROLE), registry.store(Kinds.CLUSTER_ROLE_BINDING));
            policyReady = true;
        } catch (RuntimeException e) {
            LOG.warn("cannot create the default roles yet ({}); retrying in 5 s", e.getMessage());
            scheduler.schedule(this::ensureDefaultPolicy, 5, TimeUnit.SECONDS);
        }
    }

    private void unauthenticated(String method) {
        metrics.observe("unauthenticated", "", Reason.UNAUTHORIZED.wireName(), 0);
        audit.record(new AuditEvent(Instant.now().toString(), "", method.substring(method.lastIndexOf('/') + 1), "", null,
                null, Reason.UNAUTHORIZED.wireName()));
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
        audit.close();
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
