package dev.jk8s.controllermanager.namespace;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.NamespaceSpec;
import dev.jk8s.api.core.NamespaceStatus;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.controllermanager.controller.ApiWriter;
import dev.jk8s.controllermanager.controller.Controller;
import dev.jk8s.controllermanager.controller.ControllerContext;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.ReconcileLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties terminating namespaces, as Kubernetes' namespace controller does. {@link #sync} is
 * level-triggered and safe to repeat: it lists what the namespace still holds of every namespaced
 * kind from the apiserver ({@link NamespaceContent}, not a cache), deletes what
 * {@link NamespacePlan} says (default propagation), writes the conditions that say what remains
 * and why (only when they changed), and when nothing remains removes {@value #FINALIZER} from
 * {@code spec.finalizers} with a compare-and-swap update, upon which the apiserver removes the
 * namespace. While anything remains (pods in their grace period, objects with finalizers, failed
 * deletions) it looks again after {@link #RECHECK}. Namespaces that are not terminating, or whose
 * {@value #FINALIZER} finalizer is gone, are left alone. Key: the namespace's name.
 */
public final class NamespaceController implements Controller {

    public static final String NAME = "namespace";
    /** The finalizer the apiserver gives every namespace, and that this controller alone removes. */
    public static final String FINALIZER = "kubernetes";
    /** How soon to look again while content remains: pods on nodes go when their kubelet confirms. */
    static final Duration RECHECK = Duration.ofSeconds(2);
    /**
     * Every namespaced kind, Deployments, then ReplicaSets and ReplicationControllers first: deleted
     * after their pods, they would try to replace them (refused in a terminating namespace, but each
     * refusal is a FailedCreate).
     */
    static final List<Kind<?>> DELETION_ORDER = Kinds.ALL.stream().filter(Kind::namespaced)
            .sorted(Comparator.comparingInt(k -> k == Kinds.DEPLOYMENT ? 0
                    : k == Kinds.REPLICA_SET || k == Kinds.REPLICATION_CONTROLLER ? 1 : 2)).toList();
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceController.class);

    private final Indexer<Namespace> namespaces;
    private final NamespaceContent content;
    private final ApiWriter api;
    private final Clock clock;
    private final ReconcileLoop loop;

    NamespaceController(Indexer<Namespace> namespaces, NamespaceContent content, ApiWriter api, Clock clock,
                        ControllerMetrics metrics, int workers) {
        this.namespaces = namespaces;
        this.content = content;
        this.api = api;
        this.clock = clock;
        this.loop = new ReconcileLoop(NAME, this::sync, metrics, workers);
    }

    /** The controller of the process: the namespace informer's handler registered, workers not yet started. */
    public static NamespaceController create(ControllerContext ctx) {
        SharedInformer<Namespace> informer = ctx.informers().informer(Kinds.NAMESPACE);
        NamespaceController c = new NamespaceController(informer.indexer(), NamespaceContent.of(ctx.reader()), ctx.api(),
                ctx.clock(), ctx.metrics(), ctx.workers());
        informer.addEventHandler(c.namespaceEvents());
        return c;
    }

    @Override
    public ReconcileLoop loop() {
        return loop;
    }

    /**
     * A terminating namespace is enqueued when it appears or its spec or metadata change; not when
     * only its status changed, which is this controller's own writing (its RECHECK covers the rest).
     */
    ResourceEventHandler<Namespace> namespaceEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                if (terminating(ns)) {
                    loop.enqueue(ns.metadata().name());
                }
            }

            @Override
            public void onUpdate(Namespace old, Namespace ns) {
                if (terminating(ns) && (!terminating(old) || !withoutStatus(old).equals(withoutStatus(ns)))) {
                    loop.enqueue(ns.metadata().name());
                }
            }

            @Override
            public void onDelete(Namespace ns) {
                // gone: nothing left to do
            }
        };
    }

    private static Namespace withoutStatus(Namespace ns) {
        return ns.withMetadata(ns.metadata().withResourceVersion(null)).withStatus(NamespaceStatus.EMPTY);
    }

    static boolean terminating(Namespace ns) {
        return ns.metadata().isTerminating() || NamespaceStatus.TERMINATING.equals(ns.status().phase());
    }

    /** Converges one namespace; returns when to look again while content remains. */
    Optional<Duration> sync(String name) {
        Namespace ns = namespaces.get(name).orElse(null);
        if (ns == null || !terminating(ns) || !ns.spec().finalizers().contains(FINALIZER)) {
            return Optional.empty();
        }
        NamespacePlan plan = NamespacePlan.of(list(name));
        Map<String, String> failures = delete(name, plan.delete());
        if (!plan.delete().isEmpty()) {
            plan = NamespacePlan.of(list(name)); // what the deletions left: graceful pods, finalizers, failures
        }
        Namespace current = writeStatus(ns, plan.status(ns.status(), failures, clock.instant()));
        if (plan.empty() && failures.isEmpty()) {
            finalizeNamespace(current);
            return Optional.empty();
        }
        LOG.info("{}: waiting for content to go: {} (finalizers {}), {} deletions failed", name, plan.remaining(),
                plan.finalizers(), failures.size());
        return Optional.of(RECHECK);
    }

    /** Namespaced kind → its objects in the namespace, for every namespaced kind, in {@link #DELETION_ORDER}. */
    private Map<Kind<?>, List<? extends ApiObject>> list(String namespace) {
        Map<Kind<?>, List<? extends ApiObject>> all = new LinkedHashMap<>();
        for (Kind<?> kind : DELETION_ORDER) {
            all.put(kind, content.list(kind, namespace));
        }
        return all;
    }

    /** Deletes each object; returns group resource → the last error, for the deletions that failed. */
    private Map<String, String> delete(String namespace, List<ApiObject> objects) {
        Map<String, String> failures = new TreeMap<>();
        int failed = 0;
        for (ApiObject o : objects) {
            Kind<?> kind = Kinds.byKind(o.kind()).orElseThrow();
            try {
                api.delete(kind, namespace, o.metadata().name(), DeleteOptions.DEFAULT);
            } catch (ApiException e) {
                if (!ApiException.isNotFound(e)) { // already gone is what we wanted
                    LOG.info("{}: deleting {} {} failed: {}", namespace, kind.resource(), o.metadata().name(), e.getMessage());
                    failures.put(NamespacePlan.groupResource(kind), e.getMessage());
                    failed++;
                }
            }
        }
        if (!objects.isEmpty()) {
            LOG.info("{}: deleted {} of {} objects", namespace, objects.size() - failed, objects.size());
        }
        return failures;
    }

    private Namespace writeStatus(Namespace ns, NamespaceStatus status) {
        return status.equals(ns.status()) ? ns : api.updateStatus(Kinds.NAMESPACE, ns.withStatus(status));
    }

    /** Removes this controller's finalizer (compare-and-swap), upon which the apiserver removes the namespace. */
    private void finalizeNamespace(Namespace ns) {
        List<String> rest = ns.spec().finalizers().stream().filter(f -> !FINALIZER.equals(f)).toList();
        try {
            api.update(Kinds.NAMESPACE, ns.withSpec(new NamespaceSpec(rest)));
        } catch (ApiException e) {
            if (!ApiException.isNotFound(e)) {
                throw e;
            }
        }
        LOG.info("{}: content removed, finalizer {} removed{}", ns.metadata().name(), FINALIZER,
                rest.isEmpty() ? "" : "; still held by " + rest);
    }
}
