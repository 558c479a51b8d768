package dev.jk8s.apiserver.watch;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.proto.WatchBatch;
import dev.jk8s.proto.WatchEvent;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Offers come from the cache under its lock. Events collect until {@link #flush()}, which the
 * cache calls after whole revisions, so that every message holds whole revisions: several
 * objects may share one revision, and a client resuming from a revision must have all of it.
 */
final class CacheWatcher<T extends ApiObject> {

    private static final int MAX_BATCH = 1000;

    private final Kind<T> kind;
    private final WatchRequest request;
    private final WatchSink sink;
    private final Executor executor;
    private final int maxQueued;
    private final Runnable onClosed;
    private final long startAfter;
    private final List<WatchEvent> pending = new ArrayList<>();
    private final Queue<WatchBatch> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean(); // also the lock that orders closeError before it
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
        this.startAfter = afterRevision;
        this.lastRevision = afterRevision;
        sink.onCancel(() -> close(null));
    }

    /** The newest revision this watcher has been brought to. */
    long lastRevision() {
        return lastRevision;
    }

    /** Offers an object as an initial ADDED event (send-initial-events); not revision-checked. */
    void offerInitial(ApiObject object, long revision) {
        if (matches(object)) {
            add(new CachedEvent(CachedEvent.Type.ADDED, "", object, null, revision).toWire(WatchEvent.Type.ADDED));
        }
    }

    /** Offers a change; it is kept if it is after the watch's start and concerns this watcher. */
    void offer(CachedEvent e) {
        if (e.revision <= startAfter || closed.get()) {
            return;
        }
        lastRevision = Math.max(lastRevision, e.revision);
        WatchEvent.Type type = typeFor(e);
        if (type != null) {
            add(e.toWire(type));
        }
    }

    /**
     * Tells the client how far it has been brought, if it asked for bookmarks and got further
     * since the last one: events it was not shown (filtered out) still move it forward, so that
     * resuming later does not ask for history the server no longer has.
     */
    void bookmark() {
        if (request.allowBookmarks() && lastRevision > lastBookmark && pending.isEmpty() && !closed.get()) {
            lastBookmark = lastRevision;
            enqueue(List.of(WatchEvent.newBuilder().setType(WatchEvent.Type.BOOKMARK)
                    .setResourceVersion(lastRevision).build()));
        }
    }

    private void add(WatchEvent event) {
        pending.add(event);
    }

    /**
     * Sends what was offered since the last flush; call only at a revision boundary. Initial
     * events may be split into several messages: the client has no revision to resume from
     * until they are all in.
     */
    void flush() {
        for (int from = 0; from < pending.size(); from += MAX_BATCH) {
            enqueue(List.copyOf(pending.subList(from, Math.min(pending.size(), from + MAX_BATCH))));
        }
        pending.clear();
    }

    private WatchEvent.Type typeFor(CachedEvent e) {
        if (e.type == CachedEvent.Type.DELETED) {
            return matches(e.object) ? WatchEvent.Type.DELETED : null;
        }
        boolean now = matches(e.object);
        boolean before = e.previous != null && matches(e.previous);
        if (now) {
            return before ? WatchEvent.Type.MODIFIED : WatchEvent.Type.ADDED;
        }
        return before ? WatchEvent.Type.DELETED : null;
    }

    private boolean matches(ApiObject o) {
        if (request.namespace() != null && !request.namespace().equals(o.metadata().namespace())) {
            return false;
        }
        return request.labels().matches(o.metadata().labels()) && request.fields().matches(kind.cast(o), kind);
    }

    private void enqueue(List<WatchEvent> events) {
        if (events.isEmpty() || closed.get()) {
            return;
        }
        if (queued.addAndGet(events.size()) > maxQueued) {
            close(ApiException.unavailable("the watch fell more than " + maxQueued
                    + " events behind and was closed; resume it from the last resourceVersion received"));
            return;
        }
        queue.add(WatchBatch.newBuilder().addAllEvents(events).build());
        scheduleDrain();
    }

    /** Ends the watch: after what is queued when {@code error} is null, at once otherwise. */
    void close(ApiException error) {
        synchronized (closed) {
            if (closed.get()) {
                return;
            }
            closeError = error; // before closed is seen, so that the drain never ends an erroring watch cleanly
            closed.set(true);
        }
        if (error != null) {
            queue.clear();
        }
        scheduleDrain();
        onClosed.run();
    }

    boolean isClosed() {
        return closed.get();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private enum Next { AGAIN, WAIT_UNTIL_READY, DONE }

    private void drain() {
        Next next = Next.DONE;
        try {
            if (!sinkClosed.get()) {
                next = sendWhileReady();
            }
        } finally {
            draining.set(false);
        }
        // decided after draining is released, so that a wake-up arriving now is not lost
        if (next == Next.WAIT_UNTIL_READY) {
            sink.onReady(this::scheduleDrain);
        } else if (next == Next.AGAIN && (!queue.isEmpty() || closed.get())) {
            scheduleDrain();
        }
    }

    private Next sendWhileReady() {
        WatchBatch b;
        while (sink.isReady() && !sink.isCancelled() && (b = queue.poll()) != null) {
            queued.addAndGet(-b.getEventsCount());
            sink.send(b);
        }
        if (sink.isCancelled()) {
            sinkClosed.set(true);
            close(null);
            return Next.DONE;
        }
        if (closed.get() && queue.isEmpty()) {
            if (sinkClosed.compareAndSet(false, true)) {
                sink.close(closeError);
            }
            return Next.DONE;
        }
        return sink.isReady() ? Next.AGAIN : Next.WAIT_UNTIL_READY;
    }
}
