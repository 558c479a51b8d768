package dev.jk8s.client.informer;

import dev.jk8s.api.ApiObject;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.workqueue.Backoff;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, indexed, always-current copy of one set of objects (a kind, optionally one namespace
 * and selectors), shared by every controller of a process that needs it, and the change
 * notifications that keep them level-triggered.
 *
 * <p>After {@link #start()}, a daemon thread lists every page, fills the {@link #indexer()},
 * then watches from the list's revision. When the watch ends (error or clean end) it reconnects
 * with capped exponential backoff (100 ms to 5 s) and resumes from the last revision seen,
 * bookmarks included, so nothing is missed or repeated; when that revision has expired it lists
 * again and delivers the difference (objects gone meanwhile as deletions). There is no periodic
 * resync: controllers that want one use {@code WorkQueue.addAfter}.
 *
 * <p>Handlers run on that thread, serially, in the order of the changes, after the cache holds
 * each change; one that throws is logged and skipped. Thread-safe: any thread may add handlers
 * (a handler added after start first gets an {@code onAdd} per cached object), read the cache
 * or stop. Start once; a stopped informer stays stopped.
 */
public final class SharedInformer<T extends ApiObject> {

    private static final Logger LOG = LoggerFactory.getLogger(SharedInformer.class);
    private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    private enum State { NEW, RUNNING, STOPPED }

    private final String name;
    private final Indexer<T> indexer = new Indexer<>();
    private final List<ResourceEventHandler<? super T>> handlers = new CopyOnWriteArrayList<>();
    private final CountDownLatch synced = new CountDownLatch(1);
    private final Reflector<T> reflector;
    private State state = State.NEW;

    /** Informs about {@code namespace} (null: all namespaces) with the options' selectors and page size. */
    public SharedInformer(ResourceClient<T> client, String namespace, ListOptions options) {
        this(describe(client, namespace, options), ListerWatcher.of(client, namespace, options));
    }

    /** Informs from any source; {@code name} names the thread and log lines. */
    public SharedInformer(String name, ListerWatcher<T> source) {
        this(name, source, RECONNECT);
    }

    SharedInformer(String name, ListerWatcher<T> source, Backoff reconnect) {
        this.name = name;
        this.reflector = new Reflector<>(name, source, indexer, this::dispatch, synced::countDown, reconnect);
    }

    /** Adds a handler; after start, it is first told of every cached object, on the dispatch thread. */
    public synchronized void addEventHandler(ResourceEventHandler<? super T> handler) {
        if (state != State.RUNNING) {
            handlers.add(handler);
            return;
        }
        reflector.submit(() -> {
            handlers.add(handler);
            indexer.list().forEach(o -> deliver(handler, Delta.added(o)));
        });
    }

    /** Adds a secondary index to the cache; see {@link Indexer#addIndex}. */
    public void addIndex(String index, Function<? super T, ? extends Collection<String>> function) {
        indexer.addIndex(index, function);
    }

    /** Starts the list-and-watch thread. Later calls do nothing. */
    public synchronized void start() {
        if (state != State.NEW) {
            return;
        }
        state = State.RUNNING;
        Thread thread = new Thread(reflector, "informer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops watching. Returns at once; a handler call in progress completes, no later one starts.
     * The cache keeps its last content. Idempotent.
     */
    public synchronized void stop() {
        state = State.STOPPED;
        reflector.stop();
    }

    /** Whether the first full list is in the cache and its changes were dispatched. */
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    /**
     * Blocks until {@link #hasSynced()} or the timeout; returns whether synced. An interrupt ends
     * the wait early (returning false, the interrupt flag set).
     */
    public boolean awaitSynced(Duration timeout) {
        try {
            return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The cache. Read-only for everyone but this informer. */
    public Indexer<T> indexer() {
        return indexer;
    }

    /** The revision the cache reflects: the last list's, or the last event's or bookmark's since. 0 before the first list. */
    public long lastSyncResourceVersion() {
        return reflector.lastResourceVersion();
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "SharedInformer[" + name + "]";
    }

    private void dispatch(Delta<T> delta) {
        if (reflector.isStopped()) {
            return;
        }
        handlers.forEach(h -> deliver(h, delta));
    }

    private void deliver(ResourceEventHandler<? super T> handler, Delta<T> delta) {
        try {
            delta.deliverTo(handler);
        } catch (RuntimeException e) {
            LOG.error("informer {}: handler {} failed on {} of {}; continuing with the next change",
                    name, handler, delta.type(), delta.key(), e);
        }
    }

    private static String describe(ResourceClient<?> client, String namespace, ListOptions options) {
        StringBuilder s = new StringBuilder(client.kind().resource());
        if (namespace != null && client.kind().namespaced()) {
            s.append('@').append(namespace);
        }
        if (!options.labelSelector().isEmpty() || !options.fieldSelector().isEmpty()) {
            s.append('[').append(String.join(",", List.of(options.labelSelector(), options.fieldSelector()).stream()
                    .filter(x -> !x.isEmpty()).toList())).append(']');
        }
        return s.toString();
    }
}
