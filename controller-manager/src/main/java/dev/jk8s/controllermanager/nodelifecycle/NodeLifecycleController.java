package dev.jk8s.controllermanager.nodelifecycle;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Taint;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.events.EventSink;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.client.informer.Keys;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.controllermanager.controller.ApiWriter;
import dev.jk8s.controllermanager.controller.Controller;
import dev.jk8s.controllermanager.controller.ControllerContext;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.ControllerOptions;
import dev.jk8s.controllermanager.controller.Pods;
import dev.jk8s.controllermanager.controller.RateLimiter;
import dev.jk8s.controllermanager.controller.ReconcileLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches nodes' health, as Kubernetes' node lifecycle controller and taint manager do: a node
 * whose Lease ({@code kube-node-lease/<node>}) and status go unrenewed for the grace period
 * becomes Ready=Unknown with the unreachable taints, a node reporting Ready=False gets the
 * not-ready taints, a healthy one loses both ({@link NodeHealth}); pods on a node with NoExecute
 * taints are deleted once their toleration runs out ({@link Evictions}), at most
 * {@code podEvictionsPerSecond}, so their owners recreate them elsewhere. Keys are node names.
 * Event: TaintManagerEviction on each evicted pod.
 */
public final class NodeLifecycleController implements Controller {

    public static final String NAME = "nodelifecycle";
    static final String LEASE_NAMESPACE = "kube-node-lease";
    static final String BY_NODE = "nodelifecycle-node";
    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleController.class);

    private final Indexer<Node> nodes;
    private final Indexer<Lease> leases;
    private final Indexer<Pod> pods;
    private final ApiWriter api;
    private final EventSink events;
    private final Clock clock;
    private final ControllerOptions options;
    private final RateLimiter evictions;
    private final ReconcileLoop loop;

    NodeLifecycleController(Indexer<Node> nodes, Indexer<Lease> leases, Indexer<Pod> pods, ApiWriter api, EventSink events,
                            Clock clock, ControllerOptions options, ControllerMetrics metrics, int workers) {
        this.nodes = nodes;
        this.leases = leases;
        this.pods = pods;
        this.api = api;
        this.events = events;
        this.clock = clock;
        this.options = options;
        this.evictions = new RateLimiter(options.podEvictionsPerSecond());
        this.loop = new ReconcileLoop(NAME, this::sync, metrics, workers);
    }

    public static NodeLifecycleController create(ControllerContext ctx) {
        SharedInformer<Node> n = ctx.informers().informer(Kinds.NODE);
        SharedInformer<Lease> l = ctx.informers().informer(Kinds.LEASE);
        SharedInformer<Pod> p = ctx.informers().informer(Kinds.POD);
        p.addIndex(BY_NODE, pod -> pod.spec().nodeName() == null ? List.of() : List.of(pod.spec().nodeName()));
        NodeLifecycleController c = new NodeLifecycleController(n.indexer(), l.indexer(), p.indexer(), ctx.api(),
                ctx.events().apply("node-controller"), ctx.clock(), ctx.options(), ctx.metrics(), ctx.workers());
        n.addEventHandler(ResourceEventHandler.onChange(node -> c.loop.enqueue(node.metadata().name())));
        l.addEventHandler(ResourceEventHandler.onChange(lease -> {
            if (LEASE_NAMESPACE.equals(lease.metadata().namespace())) {
                c.loop.enqueue(lease.metadata().name());
            }
        }));
        // Pods matter only on a node with NoExecute taints (their evictions); elsewhere a pod's
        // every status change would wake its node's sync for nothing.
        p.addEventHandler(ResourceEventHandler.onChange(pod -> {
            String node = pod.spec().nodeName();
            if (node != null && !node.isEmpty() && c.nodes.get(node).map(NodeLifecycleController::evicts).orElse(false)) {
                c.loop.enqueue(node);
            }
        }));
        return c;
    }

    private static boolean evicts(Node node) {
        return node.spec().taints().stream().anyMatch(t -> Taint.NO_EXECUTE.equals(t.effect()));
    }

    @Override
    public ReconcileLoop loop() {
        return loop;
    }

    /** Converges one node: its Ready condition, its taints, its pods' evictions; returns when to look again. */
    Optional<Duration> sync(String name) {
        Node node = nodes.get(name).orElse(null);
        if (node == null) {
            return Optional.empty();
        }
        NodeHealth health = NodeHealth.of(node, leases.get(LEASE_NAMESPACE + "/" + name).orElse(null), clock.instant(),
                options.nodeMonitorGracePeriod());
        if (health.unreachable()) {
            Optional<List<dev.jk8s.api.Condition>> unknown = NodeHealth.readyUnknown(node, clock.instant());
            if (unknown.isPresent()) {
                LOG.info("node {}: no Lease renewal for {} s; Ready is Unknown", name, options.nodeMonitorGracePeriod().toSeconds());
                node = api.updateStatus(Kinds.NODE, node.withStatus(node.status().withConditions(unknown.get())));
            }
        }
        if (!health.taints().equals(node.spec().taints())) {
            node = api.update(Kinds.NODE, node.withSpec(node.spec().withTaints(health.taints())));
        }
        Optional<Duration> evict = evict(name, health);
        return Stream.of(health.recheckIn(), evict).flatMap(Optional::stream).min(Duration::compareTo);
    }

    private Optional<Duration> evict(String node, NodeHealth health) {
        List<Pod> onNode = pods.byIndex(BY_NODE, node).stream().filter(Pods::isActive).toList();
        Evictions plan = Evictions.of(health.taints(), onNode, clock.instant(), options.defaultTolerationSeconds());
        for (Pod p : plan.now()) {
            if (!evictions.tryAcquire()) {
                return Optional.of(evictions.interval()); // the rest when the rate allows
            }
            try {
                api.delete(Kinds.POD, p.metadata().namespace(), p.metadata().name(),
                        DeleteOptions.DEFAULT.withPreconditions(p.metadata().uid(), 0));
                events.normal(p, "TaintManagerEviction", "Marking for deletion Pod " + Keys.of(p));
                LOG.info("node {}: evicted pod {}", node, Keys.of(p));
            } catch (ApiException e) {
                if (!ApiException.isNotFound(e) && !ApiException.isConflict(e)) {
                    throw e;
                }
            }
        }
        return plan.nextIn();
    }
}
