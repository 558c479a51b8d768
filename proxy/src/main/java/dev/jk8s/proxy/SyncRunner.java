package dev.jk8s.proxy;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sync on its own thread: after a {@link #request}, at most once per {@code minInterval}
 * (requests that arrive meanwhile, or during a run, are served together by the next run), and
 * at least once per {@code maxInterval} without any (to repair what someone else changed). A
 * failed run is retried, its requests still pending, after a back-off that starts at
 * {@code minInterval} (at least 1 s) and doubles up to {@code maxInterval}. Kubernetes calls this a
 * bounded-frequency runner. Thread-safe.
 */
final class SyncRunner implements AutoCloseable {

    /** The work; {@code since} is when the oldest request it serves arrived ({@link System#nanoTime}), or -1 for a periodic run. */
    interface Sync {
        void run(long since) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);
    private static final long NONE = -1;

    private final Sync sync;
    private final long minNanos;
    private final long maxNanos;
    private final Thread thread;
    private long pendingSince = NONE;
    private long lastStart = System.nanoTime();
    private int failures; // in a row
    private boolean closed;

    SyncRunner(String name, Duration minInterval, Duration maxInterval, Sync sync) {
        this.sync = sync;
        this.minNanos = minInterval.toNanos();
        this.maxNanos = maxInterval.toNanos();
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks for a run; returns at once. */
    synchronized void request() {
        if (pendingSince == NONE) {
            pendingSince = System.nanoTime();
        }
        notifyAll();
    }

    private void loop() {
        long since;
        while ((since = awaitTurn()) != Long.MIN_VALUE) {
            try {
                sync.run(since);
                succeeded();
            } catch (Exception e) {
                long backoff = retry(since);
                LOG.error("sync failed, retrying in {} ms: {}", backoff / 1_000_000, e.getMessage());
                LOG.debug("sync failure", e);
            }
        }
    }

    /** Waits until a run is due; returns its {@code since}, or {@link Long#MIN_VALUE} once closed. */
    private synchronized long awaitTurn() {
        while (!closed) {
            long now = System.nanoTime();
            long due = pendingSince == NONE ? lastStart + maxNanos : Math.max(lastStart + gapNanos(), pendingSince);
            if (now - due >= 0) {
                long since = pendingSince;
                pendingSince = NONE;
                lastStart = now;
                return since;
            }
            try {
                wait(Math.max(1, (due - now) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Long.MIN_VALUE;
            }
        }
        return Long.MIN_VALUE;
    }

    /** The least time between two starts: {@code minInterval}, or the back-off after failures. */
    private long gapNanos() {
        if (failures == 0) {
            return minNanos;
        }
        long base = Math.max(minNanos, 1_000_000_000L);
        return Math.min(base << Math.min(failures - 1, 20), Math.max(maxNanos, base));
    }

    private synchronized void succeeded() {
        failures = 0;
    }

    /** Keeps the failed run's requests pending; returns the back-off before the next try. */
    private synchronized long retry(long since) {
        failures++;
        if (since != NONE && (pendingSince == NONE || since - pendingSince < 0)) {
            pendingSince = since; // the failed run's requests are still unserved, and older
        } else if (pendingSince == NONE) {
            pendingSince = System.nanoTime();
        }
        return gapNanos();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
