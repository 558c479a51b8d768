package dev.jk8s.controllermanager.podgc;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.controllermanager.controller.ApiReader;
import dev.jk8s.controllermanager.controller.ApiWriter;
import dev.jk8s.controllermanager.controller.Controller;
import dev.jk8s.controllermanager.controller.ControllerContext;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.ReconcileLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' pod garbage collector, for the pods nobody else will ever finish: those bound to a
 * Node that was deleted (after {@link PodGcPlan#QUARANTINE}, and only once an uncached read
 * confirms the Node is gone) and those being deleted that were never bound. They are deleted
 * with grace 0, since no kubelet will stop their containers. The key is the pod's; {@link #sync}
 * is level-triggered and safe to repeat (NotFound counts as done). Thread-safe.
 */
public final class PodGcController implements Controller {

    public static final String NAME = "podgc";
    private static final Logger LOG = LoggerFactory.getLogger(PodGcController.class);

    private final Indexer<Pod> pods;
    private final Indexer<Node> nodes;
    private final ApiReader reader;
    private final ApiWriter api;
    private final Clock clock;
    private final ReconcileLoop loop;
    private final Map<String, Instant> missingSince = new ConcurrentHashMap<>(); // node name → first seen missing

    PodGcController(Indexer<Pod> pods, Indexer<Node> nodes, ApiReader reader, ApiWriter api, Clock clock,
                    ControllerMetrics metrics, int workers) {
        this.pods = pods;
        this.nodes = nodes;
        this.reader = reader;
        this.api = api;
        this.clock = clock;
        this.loop = new ReconcileLoop(NAME, this::sync, metrics, workers);
    }

    /** The controller of the process: informers' handlers registered, workers not yet started. */
    public static PodGcController create(ControllerContext ctx) {
        SharedInformer<Pod> podInformer = ctx.informers().informer(Kinds.POD);
        SharedInformer<Node> nodeInformer = ctx.informers().informer(Kinds.NODE);
        PodGcController c = new PodGcController(podInformer.indexer(), nodeInformer.indexer(), ctx.reader(), ctx.api(),
                ctx.clock(), ctx.metrics(), ctx.workers());
        podInformer.addEventHandler(ResourceEventHandler.onChange(c::enqueue));
        nodeInformer.addEventHandler(c.nodeEvents());
        return c;
    }

    @Override
    public ReconcileLoop loop() {
        return loop;
    }

    private void enqueue(Pod pod) {
        loop.enqueue(pod.metadata().namespace() + "/" + pod.metadata().name());
    }

    /** A deleted Node wakes the pods bound to it. */
    ResourceEventHandler<Node> nodeEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onDelete(Node node) {
                pods.list().stream().filter(p -> node.metadata().name().equals(p.spec().nodeName()))
                        .forEach(PodGcController.this::enqueue);
            }
        };
    }

    /** Converges one pod (key {@code namespace/name}); returns when to look again, if at all. */
    Optional<Duration> sync(String key) {
        Pod pod = pods.get(key).orElse(null);
        if (pod == null) {
            return Optional.empty();
        }
        String node = pod.spec().nodeName();
        boolean bound = node != null && !node.isEmpty();
        boolean exists = !bound || nodes.get(node).isPresent() || reader.get(Kinds.NODE, null, node).isPresent();
        if (exists && bound) {
            missingSince.remove(node);
        }
        Instant now = clock.instant();
        PodGcPlan.Decision d = PodGcPlan.decide(pod, exists, exists ? null : missingSince.computeIfAbsent(node, n -> now), now);
        if (d.delete()) {
            forceDelete(pod, d.reason());
        }
        return Optional.ofNullable(d.lookAgainIn());
    }

    private void forceDelete(Pod pod, String reason) {
        String key = pod.metadata().namespace() + "/" + pod.metadata().name();
        try {
            api.delete(Kinds.POD, pod.metadata().namespace(), pod.metadata().name(), DeleteOptions.DEFAULT.withGracePeriod(0L)
                    .withPreconditions(pod.metadata().uid(), 0));
            LOG.info("pod {}: force-deleted: {}", key, reason);
        } catch (ApiException e) {
            if (!ApiException.isNotFound(e)) {
                throw e;
            }
        }
    }
}
