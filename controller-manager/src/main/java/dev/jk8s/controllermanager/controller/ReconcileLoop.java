package dev.jk8s.controllermanager.controller;

import dev.jk8s.api.ApiException;
import dev.jk8s.client.Threads;
import dev.jk8s.client.workqueue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop every controller shares: event handlers {@link #enqueue} keys; {@code workers}
 * threads take a key (never one key on two threads), call {@link Reconciler#sync}, and on success
 * forget the key's back-off (re-adding it after the delay the sync asked for, if any), on failure
 * requeue it with back-off. Syncs are counted and timed in {@link ControllerMetrics}.
 * Thread-safe; {@link #start} and {@link #stop} are idempotent.
 */
public final class ReconcileLoop {

    /** Converges one key; returns a delay after which to look again (e.g. minReadySeconds), if any. */
    @FunctionalInterface
    public interface Reconciler {
        Optional<Duration> sync(String key);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final String name;
    private final WorkQueue<String> queue;
    private final Reconciler reconciler;
    private final ControllerMetrics metrics;
    private final int workers;
    private final List<Thread> threads = new ArrayList<>();

    public ReconcileLoop(String name, Reconciler reconciler, ControllerMetrics metrics, int workers) {
        this.name = name;
        this.queue = WorkQueue.create(name);
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.workers = workers;
        metrics.queue(name, queue::len);
    }

    public String name() {
        return name;
    }

    public void enqueue(String key) {
        queue.add(key);
    }

    public void enqueueAfter(String key, Duration delay) {
        queue.addAfter(key, delay);
    }

    public synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        ThreadFactory factory = Threads.daemon(name + "-worker");
        for (int i = 0; i < workers; i++) {
            Thread t = factory.newThread(this::work);
            t.start();
            threads.add(t);
        }
    }

    /** Stops the workers; a sync in progress finishes. Keys still queued are dropped. */
    public synchronized void stop() {
        queue.shutDown();
        threads.forEach(Thread::interrupt);
        threads.clear();
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = queue.get();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                process(key);
            } finally {
                queue.done(key);
            }
        }
    }

    private void process(String key) {
        long start = System.nanoTime();
        try {
            Optional<Duration> again = reconciler.sync(key);
            metrics.synced(name, true, System.nanoTime() - start);
            queue.forget(key);
            again.ifPresent(d -> queue.addAfter(key, d));
        } catch (ApiException e) {
            metrics.synced(name, false, System.nanoTime() - start);
            LOG.info("{} {}: sync failed, will retry: {}", name, key, e.getMessage());
            queue.addRateLimited(key);
        } catch (RuntimeException e) {
            metrics.synced(name, false, System.nanoTime() - start);
            LOG.error("{} {}: sync failed (a bug), will retry", name, key, e); // the trace is what a fix needs
            queue.addRateLimited(key);
        }
    }
}
