package dev.jk8s.apiserver.watch;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.proto.WatchEvent;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client's watch on a {@link WatchCache}: filters events by namespace and selectors, turns
 * selector transitions into ADDED/DELETED as Kubernetes does (an object that stops matching is
 * DELETED for this watcher), and delivers them in order through a bounded queue drained on a
 * shared executor, one drain at a time. A watcher that falls too far behind is closed with
 * Unavailable; its client resumes from the last revision it saw.
 *
 * <p>Offers come from the cache's single dispatch thread; events at or below the last offered
 * revision are dropped, so replaying the buffer and live dispatch never duplicate.
 */
final class CacheWatcher<T extends ApiObject> {

    private final Kind<T> kind;
    private final WatchRequest request;
    private final WatchSink sink;
    private final Executor executor;
    private final int maxQueued;
    private final Runnable onClosed;
    private final Queue<WatchEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean sinkClosed = new AtomicBoolean();
    private volatile ApiException closeError;
    private long lastRevision;
    private long lastBookmark;

    CacheWatcher(Kind<T> kind, WatchRequest request, long afterRevision, WatchSink sink, Executor executor,
                 int maxQueued, Runnable onClosed) {
        this.kind = kind;
        this.request = request;
        this.sink = sink;
        this.executor = executor;
        this.maxQueued = maxQueued;
        this.onClosed = onClosed;
        this.lastRevision = afterRevision;
        sink.onCancel(() -> close(null));
    }

    long startRevision() {
        return lastRevision;
    }

    /** Offers an object as an initial ADDED event (send-initial-events); not revision-checked. */
    void offerInitial(ApiObject object, long revision) {
        if (matches(object)) {
            enqueue(new CachedEvent(CachedEvent.Type.ADDED, "", object, null, revision).toWire(WatchEvent.Type.ADDED));
        }
    }

    /**
     * Tells the client how far it has been brought, if it asked for bookmarks and got further
     * since the last one: events it was not shown (filtered out) still move it forward, so that
     * resuming later does not ask for history the server no longer has.
     */
    void bookmark() {
        if (request.allowBookmarks() && lastRevision > lastBookmark && !closed.get()) {
            lastBookmark = lastRevision;
            enqueue(WatchEvent.newBuilder().setType(WatchEvent.Type.BOOKMARK).setResourceVersion(lastRevision).build());
        }
    }

    /** Offers a change; it is sent if newer than the last one offered and it concerns this watcher. */
    void offer(CachedEvent e) {
        if (e.revision <= lastRevision || closed.get()) {
            return;
        }
        lastRevision = e.revision;
        WatchEvent.Type type = typeFor(e);
        if (type != null) {
            enqueue(e.toWire(type));
        }
    }

    private WatchEvent.Type typeFor(CachedEvent e) {
        boolean now = e.type != CachedEvent.Type.DELETED && matches(e.object);
        boolean before = e.previous != null && matches(e.previous);
        if (e.type == CachedEvent.Type.DELETED) {
            return matches(e.object) ? WatchEvent.Type.DELETED : null;
        }
        if (now && before) {
            return WatchEvent.Type.MODIFIED;
        }
        if (now) {
            return WatchEvent.Type.ADDED;
        }
        return before ? WatchEvent.Type.DELETED : null;
    }

    private boolean matches(ApiObject o) {
        if (request.namespace() != null && !request.namespace().equals(o.metadata().namespace())) {
            return false;
        }
        return request.labels().matches(o.metadata().labels()) && request.fields().matches(kind.cast(o), kind);
    }

    private void enqueue(WatchEvent event) {
        if (queued.incrementAndGet() > maxQueued) {
            close(ApiException.unavailable("the watch fell more than " + maxQueued
                    + " events behind and was closed; resume it from the last resourceVersion received"));
            return;
        }
        queue.add(event);
        scheduleDrain();
    }

    /** Ends the watch; the sink is closed by the drain thread after what is queued, or at once on error. */
    void close(ApiException error) {
        if (closed.compareAndSet(false, true)) {
            closeError = error;
            if (error != null) {
                queue.clear();
            }
            scheduleDrain();
            onClosed.run();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        if (sinkClosed.get()) {
            draining.set(false);
            return;
        }
        try {
            WatchEvent e;
            while (sink.isReady() && !sink.isCancelled() && (e = queue.poll()) != null) {
                queued.decrementAndGet();
                sink.send(e);
            }
            if (sink.isCancelled()) {
                sinkClosed.set(true);
                close(null);
                return;
            } else if (closed.get() && queue.isEmpty()) {
                if (sinkClosed.compareAndSet(false, true)) {
                    sink.close(closeError);
                }
                return;
            } else if (!sink.isReady()) {
                draining.set(false);
                sink.onReady(this::scheduleDrain);
                return;
            }
        } finally {
            draining.set(false);
        }
        if (!queue.isEmpty() || (closed.get() && !sink.isCancelled())) {
            scheduleDrain();
        }
    }
}
