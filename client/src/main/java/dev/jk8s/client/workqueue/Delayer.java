package dev.jk8s.client.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands keys to a sink once their delay has passed, from one daemon thread started on first
 * use. A key scheduled again keeps the earlier of its two times, as client-go's delaying queue
 * does, so repeated failures cannot postpone a retry that is already due. Thread-safe.
 */
final class Delayer<K> {

    private static final Logger LOG = LoggerFactory.getLogger(Delayer.class);
    /** Longer delays are clamped, so that nanosecond arithmetic cannot overflow. */
    private static final Duration LONGEST = Duration.ofDays(3650);

    private record Entry<K>(K key, long readyAt, long seq) {
    }

    private final String name;
    private final Consumer<K> sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    // Ordered by due time, then by scheduling order, so equal delays keep FIFO order.
    private final PriorityQueue<Entry<K>> heap = new PriorityQueue<>((a, b) -> a.readyAt == b.readyAt
            ? Long.compare(a.seq, b.seq) : Long.compare(a.readyAt - b.readyAt, 0));
    /** The current due time of each waiting key; heap entries that disagree are stale and skipped. */
    private final Map<K, Long> readyAt = new HashMap<>();
    private long seq;
    private Thread thread;
    private boolean stopped;

    Delayer(String name, Consumer<K> sink) {
        this.name = name;
        this.sink = sink;
    }

    void schedule(K key, Duration delay) {
        long at = System.nanoTime() + (delay.compareTo(LONGEST) > 0 ? LONGEST : delay).toNanos();
        lock.lock();
        try {
            Long current = readyAt.get(key);
            if (stopped || (current != null && current - at <= 0)) {
                return;
            }
            readyAt.put(key, at);
            heap.add(new Entry<>(key, at, seq++));
            startIfNeeded();
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** How many keys wait for their time. */
    int size() {
        lock.lock();
        try {
            return readyAt.size();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopped = true;
            heap.clear();
            readyAt.clear();
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void startIfNeeded() {
        if (thread == null) {
            thread = new Thread(this::run, "workqueue-" + name + "-delay");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        try {
            for (K key; (key = awaitDue()) != null; ) {
                // Outside our lock: the sink takes the queue's lock, and holding both invites deadlock.
                sink.accept(key);
            }
        } catch (InterruptedException e) {
            LOG.debug("workqueue {}: delay thread interrupted; delayed keys are dropped", name);
        }
    }

    /** Blocks until a key is due; null once stopped. */
    private K awaitDue() throws InterruptedException {
        lock.lock();
        try {
            while (!stopped) {
                Entry<K> next = heap.peek();
                if (next == null) {
                    wake.await();
                    continue;
                }
                long wait = next.readyAt - System.nanoTime();
                if (wait > 0) {
                    wake.awaitNanos(wait);
                } else if (take(heap.poll())) {
                    return next.key;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the entry's key from the waiting set, unless the entry was superseded. */
    private boolean take(Entry<K> entry) {
        Long current = readyAt.get(entry.key);
        if (current == null || current != entry.readyAt) {
            return false;
        }
        readyAt.remove(entry.key);
        return true;
    }
}
