package dev.jk8s.kubelet.node;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.NodeStatus;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Node registered and reported, as Kubernetes' kubelet does: the Node object with its
 * labels, capacity, addresses, versions, kubelet endpoint and conditions, and its heartbeat Lease
 * {@code kube-node-lease/<node>}.
 *
 * <p>Every {@code statusUpdateFrequency} it asks the runtime for its version (Ready turns False,
 * reason {@code KubeletNotReady}, while that fails) and reads the Node: absent, it registers it
 * (again); first seen by this agent, it sets the kubelet's labels on it; then it posts the status
 * through the status endpoint only when something besides heartbeat times changed, or the last
 * report is {@code statusReportFrequency} old. Every {@code leaseRenewInterval} it renews the
 * Lease, creating it when missing. Every write is a create or a compare-and-swap on the
 * resourceVersion read; a Conflict re-reads and retries. Taints are written only when the agent
 * creates the Node. What to write is decided by the pure {@link NodeStatusPlanner} and
 * {@link NodeLeases}; this class adds timing and I/O.
 *
 * <p>It owns no thread: both periodic tasks run on the {@link ScheduledExecutorService} given, so
 * many agents (hollow nodes) can share one executor and one {@link ApiClient}. Their API calls
 * block that executor's thread for at most the client's deadline; size it for the number of
 * agents (a handful of threads serve a thousand). A failed round is logged and tried again at the
 * next period. Thread-safe; {@link #start()} and {@link #stop()} are idempotent.
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final int ATTEMPTS = 5;

    private final ResourceClient<Node> nodes;
    private final ResourceClient<Lease> leases;
    private final ContainerRuntime runtime;
    private final NodeConfig config;
    private final ScheduledExecutorService executor;
    private final String node;

    private volatile String nodeUid;
    private volatile Lease lastLease;
    private volatile Boolean lastReady;
    private volatile String statusFailure;
    private volatile String leaseFailure;
    private ScheduledFuture<?> statusTask;
    private ScheduledFuture<?> leaseTask;
    private boolean started;
    private volatile boolean stopped;

    public NodeAgent(ApiClient client, ContainerRuntime runtime, NodeConfig config, ScheduledExecutorService executor) {
        this.nodes = client.resource(Kinds.NODE);
        this.leases = client.resource(Kinds.LEASE);
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.config = Objects.requireNonNull(config, "config");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.node = config.nodeName();
    }

    /** Schedules registration and the status and lease rounds on the executor; returns at once. */
    public synchronized void start() {
        if (started || stopped) {
            return;
        }
        started = true;
        statusTask = executor.scheduleWithFixedDelay(guarded(this::syncStatus), 0,
                config.statusUpdateFrequency().toMillis(), TimeUnit.MILLISECONDS);
        leaseTask = executor.scheduleWithFixedDelay(guarded(this::renewLease), 0,
                config.leaseRenewInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("node {}: registering with the apiserver; status every {}, lease every {}", node,
                config.statusUpdateFrequency(), config.leaseRenewInterval());
    }

    /**
     * Ends both periodic rounds. A round already running finishes (within the client's deadline)
     * but writes nothing more once it sees the stop. The Node and Lease are left as they are, so
     * the node turns NotReady when the Lease expires, as when a kubelet dies.
     */
    public synchronized void stop() {
        stopped = true;
        if (statusTask != null) {
            statusTask.cancel(false);
            leaseTask.cancel(false);
        }
    }

    @Override
    public void close() {
        stop();
    }

    public NodeConfig config() {
        return config;
    }

    /** The uid of the Node this agent registered or adopted; null before that. */
    public String nodeUid() {
        return nodeUid;
    }

    // ---- status ----

    /** One status round: probe the runtime, read the Node, register or report as needed. */
    void syncStatus() {
        RuntimeHealth health = RuntimeHealth.probe(runtime);
        noteReadiness(health);
        for (int attempt = 1; attempt <= ATTEMPTS && !stopped; attempt++) {
            try {
                syncStatusOnce(health);
                recovered("status", statusFailure);
                statusFailure = null;
                return;
            } catch (ApiException e) {
                // Conflict: the Node changed since read; AlreadyExists: created meanwhile. Read again.
                boolean raced = ApiException.isConflict(e) || ApiException.isAlreadyExists(e);
                if (!raced || attempt == ATTEMPTS) {
                    statusFailure = failed("reporting its status", e, statusFailure);
                    return;
                }
            }
        }
    }

    private void syncStatusOnce(RuntimeHealth health) {
        Optional<Node> read = get(() -> nodes.get(null, node));
        if (read.isEmpty()) {
            register(health);
            return;
        }
        Node current = read.get();
        if (!current.metadata().uid().equals(nodeUid)) {
            current = adopt(current);
        }
        Instant now = config.clock().instant();
        NodeStatus desired = NodeStatusPlanner.desired(config, health, current.status(), now);
        if (NodeStatusPlanner.shouldPost(current.status(), desired, now, config.statusReportFrequency())) {
            nodes.updateStatus(current.withStatus(desired));
            LOG.debug("node {}: posted status", node);
        }
    }

    private void register(RuntimeHealth health) {
        NodeStatus status = NodeStatusPlanner.desired(config, health, NodeStatus.EMPTY, config.clock().instant());
        Node created = nodes.create(NodeStatusPlanner.registration(config, status));
        nodeUid = created.metadata().uid();
        LOG.info("node {}: registered (uid {}) with taints {}", node, nodeUid, config.taints());
    }

    /** A Node this agent did not create (a restart, or another's): set the kubelet's labels on it. */
    private Node adopt(Node current) {
        Node labelled = NodeStatusPlanner.withKubeletLabels(current, config).map(nodes::update).orElse(current);
        nodeUid = labelled.metadata().uid();
        LOG.info("node {}: already registered (uid {}); labels reconciled", node, nodeUid);
        return labelled;
    }

    private void noteReadiness(RuntimeHealth health) {
        Boolean before = lastReady;
        lastReady = health.healthy();
        if (before == null || before == health.healthy()) {
            return;
        }
        if (health.healthy()) {
            LOG.info("node {}: the container runtime answers again ({}); Ready", node, health.version());
        } else {
            LOG.warn("node {}: the container runtime does not answer ({}); NotReady", node, health.error());
        }
    }

    // ---- lease ----

    /** One lease round: renew the Lease last written (or read), re-reading once if it changed. */
    void renewLease() {
        for (int attempt = 1; attempt <= 2 && !stopped; attempt++) {
            try {
                Lease base = lastLease != null ? lastLease : get(() -> leases.get(NodeLeases.NAMESPACE, node)).orElse(null);
                Lease next = NodeLeases.renewed(base, node, nodeUid, config.clock().instant(), config.leaseDurationSeconds());
                lastLease = base == null ? leases.create(next) : leases.update(next);
                recovered("lease", leaseFailure);
                leaseFailure = null;
                return;
            } catch (ApiException e) {
                lastLease = null;
                boolean raced = ApiException.isConflict(e) || ApiException.isAlreadyExists(e) || ApiException.isNotFound(e);
                if (!raced || attempt == 2) {
                    leaseFailure = failed("renewing its lease " + NodeLeases.NAMESPACE + "/" + node, e, leaseFailure);
                    return;
                }
            }
        }
    }

    // ---- helpers ----

    private static <T> Optional<T> get(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (ApiException e) {
            if (ApiException.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Logs a failure once per distinct message, so that a long outage does not flood the log. */
    private String failed(String what, ApiException e, String previous) {
        if (!e.getMessage().equals(previous)) {
            LOG.warn("node {}: {} failed, retrying every period: {}", node, what, e.getMessage());
        }
        return e.getMessage();
    }

    private void recovered(String what, String previousFailure) {
        if (previousFailure != null) {
            LOG.info("node {}: {} succeeds again", node, what);
        }
    }

    /** A periodic task that throws is never run again: keep the rounds alive whatever happens. */
    private Runnable guarded(Runnable round) {
        return () -> {
            if (stopped) {
                return;
            }
            try {
                round.run();
            } catch (RuntimeException e) {
                LOG.error("node {}: unexpected failure in a periodic round; trying again next period", node, e);
            }
        };
    }
}
