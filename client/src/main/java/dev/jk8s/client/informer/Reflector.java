package dev.jk8s.client.informer;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Reason;
import dev.jk8s.client.ObjectList;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchEvent;
import dev.jk8s.client.WatchHandler;
import dev.jk8s.client.workqueue.Backoff;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The list-and-watch loop of one informer. It runs on one thread, which alone writes the cache
 * and feeds the sink, so handlers see changes serially and in order: list, replace the cache,
 * watch from the list's revision; when the watch ends, wait (backoff) and watch again from the
 * last revision seen; on Expired, list again.
 *
 * <p>Watch callbacks arrive on gRPC threads and are only queued here, tagged with their watch
 * session, so a late event of a watch already abandoned is recognised and dropped. Tasks
 * submitted by other threads run on the loop thread between events. The queue is unbounded:
 * a handler slower than the event rate costs memory, not events.
 */
final class Reflector<T extends ApiObject> implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Reflector.class);

    private sealed interface Signal permits Event, Closed, Task, Stop {
    }

    private record Event<O>(long session, WatchEvent<O> event) implements Signal {
    }

    private record Closed(long session, ApiException error) implements Signal {
    }

    private record Task(Runnable task) implements Signal {
    }

    private record Stop() implements Signal {
    }

    private final String name;
    private final ListerWatcher<T> source;
    private final Indexer<T> indexer;
    private final Consumer<Delta<T>> sink;
    private final Runnable onSynced;
    private final Backoff backoff;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private volatile long lastResourceVersion;
    private volatile boolean stopped;
    // Touched by the loop thread only.
    private long session;
    private int failures;
    private boolean synced;

    Reflector(String name, ListerWatcher<T> source, Indexer<T> indexer, Consumer<Delta<T>> sink,
              Runnable onSynced, Backoff backoff) {
        this.name = name;
        this.source = source;
        this.indexer = indexer;
        this.sink = sink;
        this.onSynced = onSynced;
        this.backoff = backoff;
    }

    @Override
    public void run() {
        boolean mustList = true;
        while (!stopped) {
            try {
                if (mustList) {
                    list();
                    mustList = false;
                }
                mustList = watchUntilClosed();
            } catch (ApiException e) {
                LOG.warn("informer {}: {} failed; retrying: {}", name, mustList ? "list" : "watch", e.getMessage());
            } catch (RuntimeException e) {
                // A bug (a decoding error, say) must not end the informer: it retries like an outage.
                LOG.error("informer {}: {} failed unexpectedly; retrying", name, mustList ? "list" : "watch", e);
            }
            pause();
        }
        LOG.info("informer {}: stopped at revision {}", name, lastResourceVersion);
    }

    /** Runs {@code task} on the loop thread, in order with the changes it dispatches. Dropped once stopped. */
    void submit(Runnable task) {
        signals.add(new Task(task));
    }

    /** Ends the loop: at once when it waits, after the current list or handler call otherwise. */
    void stop() {
        stopped = true;
        signals.add(new Stop());
    }

    boolean isStopped() {
        return stopped;
    }

    long lastResourceVersion() {
        return lastResourceVersion;
    }

    private void list() {
        ObjectList<T> list = source.list();
        List<Delta<T>> deltas = Delta.diff(indexer.snapshot(), list.items());
        indexer.replace(list.items());
        lastResourceVersion = list.resourceVersion();
        LOG.info("informer {}: listed {} objects at revision {}, {} changed", name, list.items().size(),
                list.resourceVersion(), deltas.size());
        deltas.forEach(sink);
        if (!synced) {
            synced = true;
            onSynced.run();
        }
    }

    /** Watches until the watch ends or the loop stops; returns whether the cache must be relisted. */
    private boolean watchUntilClosed() {
        long id = ++session;
        Watch watch = source.watch(lastResourceVersion, new Forwarder(id));
        try {
            ApiException error = awaitClose(id);
            if (error != null && error.is(Reason.EXPIRED)) {
                LOG.info("informer {}: revision {} expired; listing again", name, lastResourceVersion);
                return true;
            }
            if (error != null) {
                LOG.warn("informer {}: watch from revision {} failed; resuming: {}", name, lastResourceVersion,
                        error.getMessage());
            }
            return false;
        } finally {
            watch.close();
        }
    }

    /** Applies this session's events until it closes; null when it closed cleanly or the loop stops. */
    private ApiException awaitClose(long id) {
        while (!stopped) {
            Signal signal = take();
            if (signal instanceof Event<?> e && e.session == id) {
                apply(cast(e.event));
                failures = 0;
            } else if (signal instanceof Closed c && c.session == id) {
                return c.error;
            } else if (signal instanceof Task t) {
                t.task.run();
            }
        }
        return null;
    }

    private void apply(WatchEvent<T> event) {
        T object = event.object();
        if (object != null && event.type() != WatchEvent.Type.BOOKMARK) {
            if (event.type() == WatchEvent.Type.DELETED) {
                indexer.remove(object);
                sink.accept(Delta.deleted(object));
            } else {
                T old = indexer.put(object);
                sink.accept(old == null ? Delta.added(object) : Delta.updated(old, object));
            }
        }
        long revision = event.resourceVersion() > 0 ? event.resourceVersion()
                : object == null ? 0 : object.metadata().revision();
        lastResourceVersion = Math.max(lastResourceVersion, revision);
    }

    /** Waits out the backoff, still running submitted tasks; returns early when stopped. */
    private void pause() {
        long deadline = System.nanoTime() + backoff.delay(failures).toNanos();
        failures = Math.min(failures + 1, 62);
        for (long left; !stopped && (left = deadline - System.nanoTime()) > 0; ) {
            if (poll(left) instanceof Task t) {
                t.task.run();
            }
        }
    }

    private Signal take() {
        try {
            return signals.take();
        } catch (InterruptedException e) {
            return interrupted();
        }
    }

    private Signal poll(long nanos) {
        try {
            return signals.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return interrupted();
        }
    }

    private Signal interrupted() {
        Thread.currentThread().interrupt();
        stopped = true;
        return new Stop();
    }

    @SuppressWarnings("unchecked")
    private WatchEvent<T> cast(WatchEvent<?> event) {
        return (WatchEvent<T>) event;
    }

    /** Queues one session's callbacks for the loop thread. */
    private final class Forwarder implements WatchHandler<T> {
        private final long id;

        Forwarder(long id) {
            this.id = id;
        }

        @Override
        public void onEvent(WatchEvent<T> event) {
            signals.add(new Event<>(id, event));
        }

        @Override
        public void onClose(ApiException error) {
            signals.add(new Closed(id, error));
        }
    }
}
