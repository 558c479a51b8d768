package dev.jk8s.client.workqueue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * client-go's work queue: a FIFO of keys plus two sets. {@code dirty} holds every key that needs
 * processing (queued, or re-added while being processed); {@code processing} holds keys handed
 * to a worker. A dirty key that is also processing stays out of the FIFO until {@link #done}.
 * One lock guards all three; per-key failure counts live in a concurrent map of their own.
 */
final class DefaultWorkQueue<K> implements WorkQueue<K> {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultWorkQueue.class);

    private final String name;
    private final Backoff backoff;
    private final Delayer<K> delayer;
    private final Map<K, Integer> failures = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled once per queued key, and to all at shutdown. */
    private final Condition notEmpty = lock.newCondition();
    /** Signalled when nothing is queued or processing, for a draining shutdown. */
    private final Condition idle = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private boolean shuttingDown;
    private boolean draining;

    DefaultWorkQueue(String name, Backoff backoff) {
        this.name = Objects.requireNonNull(name, "name");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.delayer = new Delayer<>(name, this::add);
    }

    @Override
    public void add(K key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            if (shuttingDown || !dirty.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                enqueue(key);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void addAfter(K key, Duration delay) {
        Objects.requireNonNull(key, "key");
        if (isShuttingDown()) {
            return;
        }
        if (delay.isNegative() || delay.isZero()) {
            add(key);
        } else {
            delayer.schedule(key, delay);
        }
    }

    @Override
    public void addRateLimited(K key) {
        int previous = failures.merge(Objects.requireNonNull(key, "key"), 1, Integer::sum) - 1;
        Duration delay = backoff.delay(previous);
        LOG.debug("workqueue {}: requeueing {} in {} (attempt {})", name, key, delay, previous + 1);
        addAfter(key, delay);
    }

    @Override
    public void forget(K key) {
        failures.remove(key);
    }

    @Override
    public int numRequeues(K key) {
        return failures.getOrDefault(key, 0);
    }

    @Override
    public K get() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty() && !shuttingDown) {
                notEmpty.await();
            }
            if (queue.isEmpty() || (shuttingDown && !draining)) {
                return null;
            }
            K key = queue.pollFirst();
            processing.add(key);
            dirty.remove(key);
            return key;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void done(K key) {
        lock.lock();
        try {
            if (!processing.remove(key)) {
                return;
            }
            // Re-added while a worker held it: its turn comes now, never concurrently.
            if (dirty.contains(key)) {
                enqueue(key);
            } else if (processing.isEmpty() && queue.isEmpty()) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int len() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutDown() {
        lock.lock();
        try {
            shuttingDown = true;
            draining = false;
            notEmpty.signalAll();
            idle.signalAll();
        } finally {
            lock.unlock();
        }
        delayer.stop();
    }

    @Override
    public void shutDownWithDrain() {
        delayer.stop();
        lock.lock();
        try {
            shuttingDown = true;
            draining = true;
            notEmpty.signalAll();
            while (draining && !(queue.isEmpty() && processing.isEmpty())) {
                idle.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("workqueue {}: interrupted while draining; {} keys were still queued or processing",
                    name, queue.size() + processing.size());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "WorkQueue[" + name + "]";
    }

    /** Caller holds the lock. */
    private void enqueue(K key) {
        queue.addLast(key);
        notEmpty.signal();
    }
}
