package dev.jk8s.client.events;

import dev.jk8s.api.ApiObject;
import dev.jk8s.client.Threads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records events on background threads, so that the work being reported never waits for its
 * report: at most {@code maxQueued} events wait, and more are dropped (and counted), as
 * Kubernetes' event broadcaster drops them when its queue is full. Events of one object may be
 * written in any order; a repeated event still counts once per occurrence (its count is updated
 * by compare-and-swap). Thread-safe.
 */
public final class BackgroundEvents implements EventSink, AutoCloseable {

    private final EventRecorder recorder;
    private final ThreadPoolExecutor writer;
    private final AtomicLong dropped = new AtomicLong();

    /** {@code writers}: threads writing at once (each waits for one write at a time). */
    public BackgroundEvents(EventRecorder recorder, int writers, int maxQueued) {
        this.recorder = recorder;
        this.writer = new ThreadPoolExecutor(writers, writers, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(maxQueued),
                Threads.daemon("events"), (task, pool) -> dropped.incrementAndGet());
    }

    /** Queues one occurrence; returns at once. */
    @Override
    public void record(ApiObject involved, String type, String reason, String message) {
        writer.execute(() -> recorder.record(involved, type, reason, message));
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Stops the writer; queued events are not written. */
    @Override
    public void close() {
        writer.shutdownNow();
    }
}
