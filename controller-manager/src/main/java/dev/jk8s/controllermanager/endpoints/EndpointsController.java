package dev.jk8s.controllermanager.endpoints;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.EndpointSubset;
import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Service;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.client.informer.Keys;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.controllermanager.controller.ApiWriter;
import dev.jk8s.controllermanager.controller.Controller;
import dev.jk8s.controllermanager.controller.ControllerContext;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.ReconcileLoop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps, for every Service with a selector, an Endpoints object of the same namespace and name
 * listing the pods it selects, as Kubernetes' EndpointsController does; what it holds is
 * {@link EndpointsPlan}'s. The key is the Service's {@code namespace/name}. {@link #sync} is
 * level-triggered and safe to repeat: it creates the Endpoints when missing, updates them
 * (compare-and-swap) only when their subsets or labels differ, and deletes them when the Service
 * is gone. The Endpoints of a Service without a selector belong to its users and are never
 * touched. A write that loses a race with the cache (AlreadyExists, Conflict) is not retried: the
 * Endpoints' own event, which the cache has not delivered yet, brings the key back. Thread-safe.
 */
public final class EndpointsController implements Controller {

    public static final String NAME = "endpoints";
    private static final Logger LOG = LoggerFactory.getLogger(EndpointsController.class);

    private final Indexer<Service> services;
    private final Indexer<Pod> pods;
    private final Indexer<Endpoints> endpoints;
    private final ApiWriter api;
    private final ReconcileLoop loop;

    EndpointsController(Indexer<Service> services, Indexer<Pod> pods, Indexer<Endpoints> endpoints, ApiWriter api,
                        ControllerMetrics metrics, int workers) {
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
        this.api = api;
        this.loop = new ReconcileLoop(NAME, this::sync, metrics, workers);
    }

    /** The controller of the process: informers' handlers registered, workers not yet started. */
    public static EndpointsController create(ControllerContext ctx) {
        SharedInformer<Service> svcInformer = ctx.informers().informer(Kinds.SERVICE);
        SharedInformer<Pod> podInformer = ctx.informers().informer(Kinds.POD);
        SharedInformer<Endpoints> epInformer = ctx.informers().informer(Kinds.ENDPOINTS);
        EndpointsController c = new EndpointsController(svcInformer.indexer(), podInformer.indexer(), epInformer.indexer(),
                ctx.api(), ctx.metrics(), ctx.workers());
        svcInformer.addEventHandler(c.serviceEvents());
        podInformer.addEventHandler(c.podEvents());
        epInformer.addEventHandler(c.endpointsEvents());
        return c;
    }

    @Override
    public ReconcileLoop loop() {
        return loop;
    }

    /** Every change of a Service, its deletion included, is looked at. */
    ResourceEventHandler<Service> serviceEvents() {
        return ResourceEventHandler.onChange(svc -> loop.enqueue(Keys.of(svc)));
    }

    /** A pod wakes the Services that select it, before or after the change. */
    ResourceEventHandler<Pod> podEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                selecting(pod).forEach(loop::enqueue);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                servicesToWake(old, pod).forEach(loop::enqueue);
            }

            @Override
            public void onDelete(Pod pod) {
                selecting(pod).forEach(loop::enqueue);
            }
        };
    }

    /**
     * A change of managed Endpoints wakes their Service: a deleted or hand-edited one is put back,
     * and a write that lost a race with the cache is retried once the cache has the newer object.
     * Endpoints without a Service that has a selector are not ours, and not looked at.
     */
    ResourceEventHandler<Endpoints> endpointsEvents() {
        return ResourceEventHandler.onChange(ep -> {
            String key = Keys.of(ep);
            if (services.get(key).filter(svc -> !svc.spec().selector().isEmpty()).isPresent()) {
                loop.enqueue(key);
            }
        });
    }

    /**
     * The Services an update of a pod concerns: those selecting it before or after, and none when
     * nothing {@link EndpointsPlan} reads of it changed (most pod updates are status details).
     */
    Set<String> servicesToWake(Pod old, Pod pod) {
        if (!EndpointsPlan.mayChangeEndpoints(old, pod)) {
            return Set.of();
        }
        Set<String> keys = new TreeSet<>(selecting(old));
        keys.addAll(selecting(pod));
        return keys;
    }

    /** The keys of the cached Services in the pod's namespace that select it. */
    private List<String> selecting(Pod pod) {
        return services.byNamespace(pod.metadata().namespace()).stream()
                .filter(svc -> EndpointsPlan.selects(svc, pod)).map(Keys::of).toList();
    }

    /** Converges the Endpoints of one Service (the key is its {@code namespace/name}). */
    Optional<Duration> sync(String key) {
        Service svc = services.get(key).orElse(null);
        if (svc == null) {
            deleteEndpoints(key);
            return Optional.empty();
        }
        if (svc.spec().selector().isEmpty()) {
            return Optional.empty(); // its users manage its Endpoints
        }
        List<EndpointSubset> subsets = EndpointsPlan.of(svc, pods.byNamespace(svc.metadata().namespace()));
        Map<String, String> labels = EndpointsPlan.labels(svc);
        Endpoints current = endpoints.get(key).orElse(null);
        if (current == null) {
            create(key, new Endpoints(ObjectMeta.builder().namespace(svc.metadata().namespace())
                    .name(svc.metadata().name()).labels(labels).build(), subsets));
        } else if (!current.subsets().equals(subsets) || !current.metadata().labels().equals(labels)) {
            update(key, current.withMetadata(current.metadata().toBuilder().labels(labels).build()).withSubsets(subsets));
        }
        return Optional.empty();
    }

    private void create(String key, Endpoints ep) {
        try {
            api.create(Kinds.ENDPOINTS, ep);
            LOG.info("{}: created Endpoints with {}", key, describe(ep.subsets()));
        } catch (ApiException e) {
            if (!ApiException.isAlreadyExists(e)) {
                throw e; // retried with back-off
            }
            LOG.debug("{}: Endpoints exist but are not cached yet; their event brings the key back", key);
        }
    }

    private void update(String key, Endpoints ep) {
        try {
            api.update(Kinds.ENDPOINTS, ep);
            LOG.info("{}: updated Endpoints to {}", key, describe(ep.subsets()));
        } catch (ApiException e) {
            if (ApiException.isConflict(e)) {
                LOG.debug("{}: Endpoints changed meanwhile; the newer version's event brings the key back", key);
            } else if (ApiException.isNotFound(e)) {
                LOG.debug("{}: Endpoints deleted meanwhile; their deletion's event brings the key back", key);
            } else {
                throw e;
            }
        }
    }

    /** The Service is gone: so are its Endpoints (NotFound: they already were, or never existed). */
    private void deleteEndpoints(String key) {
        try {
            api.delete(Kinds.ENDPOINTS, Keys.namespace(key), Keys.name(key), DeleteOptions.DEFAULT);
            LOG.info("{}: Service deleted; deleted its Endpoints", key);
        } catch (ApiException e) {
            if (!ApiException.isNotFound(e)) {
                throw e;
            }
        }
    }

    /** "2 ready, 1 not ready address(es) in 1 subset(s)", for the log. */
    private static String describe(List<EndpointSubset> subsets) {
        int ready = subsets.stream().mapToInt(s -> s.addresses().size()).sum();
        int notReady = subsets.stream().mapToInt(s -> s.notReadyAddresses().size()).sum();
        return ready + " ready, " + notReady + " not ready address(es) in " + subsets.size() + " subset(s)";
    }
}
