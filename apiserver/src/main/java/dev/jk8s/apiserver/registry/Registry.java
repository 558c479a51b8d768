package dev.jk8s.apiserver.registry;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Service;
import dev.jk8s.apiserver.storage.Store;
import dev.jk8s.apiserver.watch.WatchCache;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every kind served, each through the same {@link KindStore} code path, each with its one
 * {@link WatchCache}. Built once at start-up; thread-safe afterwards.
 */
public final class Registry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    private static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    /** Hooks for the metrics of the watch fan-out, by resource. */
    public interface WatchMetrics {
        IntConsumer etcdWatches(String resource);

        IntConsumer clientWatches(String resource);
    }

    private final Map<String, KindStore<?>> stores = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final List<Admission> extra = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean systemNamespacesExist;

    /** @param services the pools Services' clusterIPs and nodePorts come from */
    public Registry(Store store, Clock clock, int watchCacheSize, ExecutorService sendExecutor,
                    ScheduledExecutorService scheduler, WatchMetrics metrics, Allocations<Service> services) {
        this.scheduler = scheduler;
        Admission admission = Admission.chain(List.of(new NamespaceLifecycle(this::namespace), Admission.chain(extra)));
        for (Kind<?> kind : Kinds.all()) {
            stores.put(kind.resource(), build(kind, store, clock, admission, watchCacheSize, sendExecutor, scheduler, metrics,
                    services));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends ApiObject> Allocations<T> allocationsFor(Kind<T> kind, Allocations<Service> services) {
        return kind == (Kind<?>) Kinds.SERVICE ? (Allocations<T>) services : Allocations.none();
    }

    private static <T extends ApiObject> KindStore<T> build(Kind<T> kind, Store store, Clock clock, Admission admission,
                                                             int size, ExecutorService sendExecutor,
                                                             ScheduledExecutorService scheduler, WatchMetrics metrics,
                                                             Allocations<Service> services) {
        KindStore<T> ks = new KindStore<>(kind, Strategies.forResource(kind.resource()), allocationsFor(kind, services), store,
                admission, clock);
        ks.attach(new WatchCache<>(kind, store, ks.prefix(), ks::decode, size, sendExecutor, scheduler,
                metrics.etcdWatches(kind.resource()), metrics.clientWatches(kind.resource())));
        return ks;
    }

    /**
     * Adds an admission plugin after NamespaceLifecycle (e.g. ServiceAccount admission, which reads
     * this registry's caches and so can only be made once it exists). Add before serving requests.
     */
    public void addAdmission(Admission admission) {
        extra.add(admission);
    }

    /** Starts every watch cache with history from {@code historyFrom}, then makes sure the system namespaces exist. */
    public void start(long historyFrom) {
        stores.values().forEach(s -> s.cache().start(historyFrom));
        ensureSystemNamespaces();
        repairAllocations();
    }

    /** Rebuilds the allocation pools from what exists, retrying every few seconds while etcd does not answer. */
    private void repairAllocations() {
        try {
            stores.values().forEach(KindStore::repairAllocations);
        } catch (RuntimeException e) {
            LOG.warn("cannot repair the service IP and node port allocations yet ({}); retrying in 5 s", e.getMessage());
            scheduler.schedule(this::repairAllocations, 5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Creates the system namespaces, retrying every few seconds while etcd does not answer. */
    private void ensureSystemNamespaces() {
        KindStore<?> namespaces = forResource("namespaces");
        try {
            for (String name : SYSTEM_NAMESPACES) {
                createIfAbsent(namespaces, name);
            }
            systemNamespacesExist = true;
        } catch (RuntimeException e) {
            LOG.warn("cannot create the system namespaces yet ({}); retrying in 5 s", e.getMessage());
            scheduler.schedule(this::ensureSystemNamespaces, 5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static void createIfAbsent(KindStore<?> namespaces, String name) {
        try {
            createNamespace(namespaces, name);
        } catch (ApiException e) {
            if (!ApiException.isAlreadyExists(e)) {
                throw e;
            }
        }
    }

    private static <T extends ApiObject> void createNamespace(KindStore<T> namespaces, String name) {
        namespaces.create(null, namespaces.kind().cast(new Namespace(ObjectMeta.builder().name(name).build())), false);
    }

    /**
     * The store serving a resource.
     *
     * @throws ApiException NotFound naming the unknown resource
     */
    public KindStore<?> forResource(String resource) {
        KindStore<?> s = stores.get(resource);
        if (s == null) {
            throw ApiException.of(Reason.NOT_FOUND, "the server doesn't have a resource type \"" + resource
                    + "\"; served: " + String.join(", ", stores.keySet()));
        }
        return s;
    }

    /** The store of a kind, typed. */
    @SuppressWarnings("unchecked")
    public <T extends ApiObject> KindStore<T> store(Kind<T> kind) {
        return (KindStore<T>) forResource(kind.resource());
    }

    private Optional<Namespace> namespace(String name) {
        KindStore<Namespace> ns = store(Kinds.NAMESPACE);
        Optional<Namespace> cached = ns.cache().get(ns.key(null, name));
        if (cached.isPresent()) {
            return cached;
        }
        try {
            return Optional.of(ns.get(null, name));
        } catch (ApiException e) {
            if (ApiException.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Tells every watch cache that etcd's history up to {@code revision} is gone. */
    public void compacted(long revision) {
        stores.values().forEach(s -> s.cache().compacted(revision));
    }

    /** Ready to serve: every watch cache is in sync with etcd and the system namespaces exist. */
    public boolean isReady() {
        return systemNamespacesExist && stores.values().stream().allMatch(s -> s.cache().isReady());
    }

    @Override
    public void close() {
        stores.values().forEach(s -> s.cache().close());
    }
}
