package dev.jk8s.apiserver.watch;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.apiserver.storage.StorageException;
import dev.jk8s.apiserver.storage.Store;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apiserver's memory of one resource, as kube-apiserver's watch cache: ONE etcd watch per
 * resource feeds the current objects and a bounded buffer of recent events, and every client
 * watch is served from memory, filtered on the server. Cost grows with the number of changes,
 * not with the number of watchers.
 *
 * <p>At start it lists the resource and opens its etcd watch from the last compaction, so the
 * buffer also holds the history etcd still has: a client that resumes from revision R (for
 * example after an apiserver restart) gets every change after R exactly once and in order.
 * A client asking for a revision older than the buffer gets Expired and must relist.
 *
 * <p>Thread-safety: etcd events are applied under one lock, on the etcd watch's thread; client
 * registration takes the same lock, so a new watcher's replay and the live stream never overlap.
 */
public final class WatchCache<T extends ApiObject> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchCache.class);
    private static final int MAX_QUEUED_PER_WATCHER = 50_000;
    private static final int LIST_PAGE = 40;
    private static final long BOOKMARK_SECONDS = 10;

    private final Kind<T> kind;
    private final Store store;
    private final String prefix;
    private final BiFunction<byte[], Long, T> decoder;
    private final int capacity;
    private final Executor sendExecutor;
    private final ScheduledExecutorService scheduler;
    private final IntConsumer etcdWatchDelta;
    private final IntConsumer watcherDelta;

    private final Object lock = new Object();
    private final Map<String, T> objects = new HashMap<>();
    private final Indexes<T> indexes = new Indexes<>();
    private final ArrayDeque<CachedEvent> buffer = new ArrayDeque<>();
    private final List<CacheWatcher<T>> watchers = new CopyOnWriteArrayList<>();
    private long stateRevision;
    private long listRevision;
    private long bufferStart;
    private long lastEventRevision;
    private boolean ready;
    private Store.Watch etcdWatch;
    /** Bumped for every etcd watch opened, so that late callbacks of a replaced one are ignored. */
    private long generation;
    private volatile boolean closed;
    private ScheduledFuture<?> bookmarks;

    /**
     * @param decoder        decodes a stored value with its revision as resourceVersion
     * @param etcdWatchDelta told +1/-1 as the etcd watch opens and closes (a metric)
     * @param watcherDelta   told +1/-1 as client watches open and close (a metric)
     */
    public WatchCache(Kind<T> kind, Store store, String prefix, BiFunction<byte[], Long, T> decoder, int capacity,
                      Executor sendExecutor, ScheduledExecutorService scheduler, IntConsumer etcdWatchDelta,
                      IntConsumer watcherDelta) {
        this.kind = kind;
        this.store = store;
        this.prefix = prefix;
        this.decoder = decoder;
        this.capacity = capacity;
        this.sendExecutor = sendExecutor;
        this.scheduler = scheduler;
        this.etcdWatchDelta = etcdWatchDelta;
        this.watcherDelta = watcherDelta;
    }

    /** Lists and starts watching from {@code historyFrom} (the last compaction); retries while etcd is away. */
    public void start(long historyFrom) {
        try {
            initialize(historyFrom);
        } catch (StorageException e) {
            LOG.warn("watch cache for {} cannot start yet: {}; retrying", kind.resource(), e.getMessage());
            retryLater(() -> start(historyFrom));
        }
    }

    private void initialize(long historyFrom) {
        Map<String, T> listed = new HashMap<>();
        long revision = listAll(listed);
        synchronized (lock) {
            if (closed) {
                return;
            }
            objects.clear();
            objects.putAll(listed);
            indexes.rebuild(objects);
            stateRevision = revision;
            listRevision = revision;
            buffer.clear();
            bufferStart = Math.min(historyFrom, revision);
            lastEventRevision = bufferStart;
            ready = true;
            closeEtcdWatch();
            openEtcdWatch(bufferStart);
            scheduleBookmarks();
        }
        LOG.info("watch cache for {} holds {} objects at revision {}, history from {}",
                kind.resource(), listed.size(), revision, bufferStart);
    }

    private long listAll(Map<String, T> into) {
        Store.Page page = store.list(prefix, null, 0, LIST_PAGE);
        long revision = page.revision();
        while (true) {
            page.items().forEach(kv -> decode(kv.key(), kv.value(), kv.modRevision()).ifPresent(o -> into.put(kv.key(), o)));
            if (!page.more() || page.items().isEmpty()) {
                return revision;
            }
            String last = page.items().get(page.items().size() - 1).key();
            page = store.list(prefix, last + "\0", revision, LIST_PAGE);
        }
    }

    private void scheduleBookmarks() {
        if (bookmarks == null) {
            bookmarks = scheduler.scheduleWithFixedDelay(this::bookmarkAll, BOOKMARK_SECONDS, BOOKMARK_SECONDS,
                    TimeUnit.SECONDS);
        }
    }

    void bookmarkAll() {
        synchronized (lock) {
            watchers.forEach(CacheWatcher::bookmark);
        }
    }

    /** A stored value that does not decode is logged and left out, so one bad object cannot stop the server. */
    private Optional<T> decode(String key, byte[] value, long revision) {
        try {
            return Optional.of(decoder.apply(value, revision));
        } catch (ApiException e) {
            LOG.error("stored object {} at revision {} cannot be decoded and is ignored: {}", key, revision, e.getMessage());
            return Optional.empty();
        }
    }

    private void openEtcdWatch(long after) {
        long gen = ++generation;
        etcdWatch = store.watch(prefix, after, new Store.WatchListener() {
            @Override
            public void onEvents(List<Store.Event> events) {
                apply(gen, events);
            }

            @Override
            public void onError(StorageException error) {
                recover(gen, error);
            }
        });
        etcdWatchDelta.accept(1);
    }

    /** Closes the current etcd watch, if any; callers hold the lock. */
    private void closeEtcdWatch() {
        if (etcdWatch != null) {
            etcdWatch.close();
            etcdWatch = null;
            etcdWatchDelta.accept(-1);
        }
    }

    private void apply(long gen, List<Store.Event> events) {
        synchronized (lock) {
            if (gen != generation || closed) {
                return;
            }
            for (Store.Event e : events) {
                // several keys may share a revision (one transaction), so only older ones are stale
                if (e.revision() < lastEventRevision) {
                    continue;
                }
                CachedEvent ce = toCached(e);
                if (ce == null) {
                    lastEventRevision = e.revision();
                    continue;
                }
                if (e.revision() > listRevision) {
                    applyToState(ce);
                }
                append(ce);
                for (CacheWatcher<T> w : watchers) {
                    w.offer(ce);
                }
            }
            watchers.forEach(CacheWatcher::flush);
        }
    }

    /** The event as the cache keeps it, or null if its value cannot be decoded. */
    private CachedEvent toCached(Store.Event e) {
        T previous = e.prevValue() == null ? null : decode(e.key(), e.prevValue(), e.prevRevision()).orElse(null);
        if (e.type() == Store.EventType.DELETE) {
            T last = previous != null ? previous : objects.get(e.key());
            T deleted = last == null ? null : withRevision(last, e.revision());
            return new CachedEvent(CachedEvent.Type.DELETED, e.key(), deleted, previous, e.revision());
        }
        T object = decode(e.key(), e.value(), e.revision()).orElse(null);
        if (object == null) {
            return null;
        }
        CachedEvent.Type type = previous == null ? CachedEvent.Type.ADDED : CachedEvent.Type.MODIFIED;
        return new CachedEvent(type, e.key(), object, previous, e.revision());
    }

    @SuppressWarnings("unchecked")
    private T withRevision(T object, long revision) {
        return (T) object.withMetadata(object.metadata().withResourceVersion(Long.toString(revision)));
    }

    @SuppressWarnings("unchecked")
    private void applyToState(CachedEvent ce) {
        T before = ce.type == CachedEvent.Type.DELETED ? objects.remove(ce.key) : objects.put(ce.key, (T) ce.object);
        indexes.update(ce.key, before, ce.type == CachedEvent.Type.DELETED ? null : (T) ce.object);
        stateRevision = Math.max(stateRevision, ce.revision);
    }

    private void append(CachedEvent ce) {
        if (ce.object == null) {
            // a deletion whose last state etcd no longer has and we never saw: nothing to tell anyone
            lastEventRevision = ce.revision;
            return;
        }
        buffer.addLast(ce);
        lastEventRevision = ce.revision;
        while (buffer.size() > capacity) {
            bufferStart = buffer.removeFirst().revision;
        }
    }

    /**
     * The etcd watch ended for good (transient failures are resumed by the store itself). If etcd
     * compacted history it had not yet replayed to us, but the objects we hold are newer than the
     * compaction, only the buffer loses its oldest events: watch again from where we were.
     * Otherwise (live changes lost, or the watch failed) list and watch again.
     */
    private void recover(long gen, StorageException error) {
        long compactedAt = error.code() == StorageException.Code.COMPACTED ? error.compactedRevision() : 0;
        long from;
        synchronized (lock) {
            if (gen != generation || closed) {
                return;
            }
            closeEtcdWatch();
            if (compactedAt > 0 && compactedAt <= stateRevision) {
                LOG.info("etcd compacted {} history at {} during replay; resuming", kind.resource(), compactedAt);
                compacted(compactedAt);
                expireWatchersBefore(compactedAt); // changes up to compactedAt not yet replayed are gone
                lastEventRevision = Math.max(lastEventRevision, compactedAt);
                openEtcdWatch(lastEventRevision);
                return;
            }
            ready = false;
            if (compactedAt > 0) {
                expireWatchersBefore(Long.MAX_VALUE);
            }
            from = compactedAt > 0 ? compactedAt : lastEventRevision;
        }
        LOG.warn("etcd watch for {} ended ({}); listing again, history from revision {}", kind.resource(),
                error.getMessage(), from);
        scheduler.execute(() -> start(from));
    }

    private void retryLater(Runnable task) {
        if (!closed) {
            scheduler.schedule(task, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Tells the cache that etcd history up to {@code revision} is gone: new watches from before it
     * are refused as Expired. Running watches lose nothing: the cache's own etcd watch still
     * delivers every change.
     */
    public void compacted(long revision) {
        synchronized (lock) {
            while (!buffer.isEmpty() && buffer.peekFirst().revision <= revision) {
                buffer.removeFirst();
            }
            bufferStart = Math.max(bufferStart, revision);
        }
    }

    private void expireWatchersBefore(long revision) {
        for (CacheWatcher<T> w : watchers) {
            if (w.lastRevision() < revision) {
                w.close(expired(w.lastRevision()));
            }
        }
    }

    private ApiException expired(long revision) {
        return ApiException.expired("too old resource version: " + revision + " (history of " + kind.resource()
                + " now starts after " + bufferStart + "); list again and watch from the list's resourceVersion");
    }

    /**
     * Starts a client watch.
     *
     * @throws ApiException Expired if the requested revision is older than the history kept;
     *                      Unavailable while the cache cannot reach etcd
     */
    public void watch(WatchRequest request, WatchSink sink) {
        synchronized (lock) {
            if (!ready) {
                throw ApiException.unavailable("the watch cache for " + kind.resource()
                        + " is not ready: etcd at " + store.endpoints() + " is not answering; retry shortly");
            }
            // "from now" is never too old, even when compaction passed an idle resource by
            long after = request.afterRevision() == 0 || request.sendInitialEvents()
                    ? Math.max(stateRevision, bufferStart) : request.afterRevision();
            if (after < bufferStart) {
                throw expired(after);
            }
            CacheWatcher<T> w = new CacheWatcher<>(kind, request, after, sink, sendExecutor, MAX_QUEUED_PER_WATCHER,
                    () -> scheduler.execute(this::pruneClosed));
            if (request.sendInitialEvents()) {
                objects.values().forEach(o -> w.offerInitial(o, o.metadata().revision()));
                w.flush();
            }
            replay(w);
            register(w);
        }
    }

    /** Sends a new watcher the buffered history it asked for, cut only between revisions. */
    private void replay(CacheWatcher<T> w) {
        long revision = -1;
        int sinceFlush = 0;
        for (CachedEvent e : buffer) {
            if (e.revision != revision && sinceFlush >= 500) {
                w.flush();
                sinceFlush = 0;
            }
            revision = e.revision;
            w.offer(e);
            sinceFlush++;
        }
        w.flush();
    }

    private void register(CacheWatcher<T> w) {
        watchers.add(w);
        watcherDelta.accept(1);
    }

    private void pruneClosed() {
        for (CacheWatcher<T> w : watchers) {
            if (w.isClosed() && watchers.remove(w)) {
                watcherDelta.accept(-1);
            }
        }
    }

    /** The current object under a storage key, from memory. */
    public Optional<T> get(String key) {
        synchronized (lock) {
            return Optional.ofNullable(objects.get(key));
        }
    }

    /**
     * Adds a secondary index: {@code values} gives the values an object is found under (it must be
     * pure and cheap: it runs under the cache's lock on every change). Add indexes before
     * {@link #start}, or at any time: the index is filled from the objects held now.
     */
    public void addIndex(String name, Function<T, Collection<String>> values) {
        synchronized (lock) {
            indexes.add(name, values, objects);
        }
    }

    /** The current objects whose index {@code name} has {@code value}, from memory; empty for an unknown index. */
    public List<T> byIndex(String name, String value) {
        synchronized (lock) {
            return indexes.keys(name, value).stream().map(objects::get).toList();
        }
    }

    /** All current objects, from memory (for background sweeps, not for client lists). */
    public List<T> snapshot() {
        synchronized (lock) {
            return new ArrayList<>(objects.values());
        }
    }

    public boolean isReady() {
        synchronized (lock) {
            return ready;
        }
    }

    public int watcherCount() {
        return watchers.size();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            closeEtcdWatch();
            if (bookmarks != null) {
                bookmarks.cancel(false);
            }
            watchers.forEach(w -> w.close(ApiException.unavailable("the apiserver is shutting down; reconnect")));
        }
    }
}
