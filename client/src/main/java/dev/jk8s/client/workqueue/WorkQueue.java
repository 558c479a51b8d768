package dev.jk8s.client.workqueue;

import java.time.Duration;

/**
 * A queue of keys to reconcile, with client-go's guarantees: a key waiting is queued once
 * however often it is added, and a key is never handed to two workers at once.
 *
 * <p>The worker loop that every controller runs:
 * <pre>{@code
 * for (String key; (key = queue.get()) != null; ) {
 *     try {
 *         sync(key);                  // reads the cache, acts; safe to repeat
 *         queue.forget(key);          // success: reset the key's backoff
 *     } catch (RuntimeException e) {
 *         LOG.warn("sync {} failed; retrying", key, e);
 *         queue.addRateLimited(key);  // failure: retry later, waiting longer each time
 *     } finally {
 *         queue.done(key);            // always, or the key is never processed again
 *     }
 * }
 * }</pre>
 *
 * <p>A key added while a worker processes it is remembered ("dirty") and queued again when that
 * worker calls {@link #done}, so the change that arrived mid-sync is not lost and the same key is
 * still never processed concurrently. Keys must be immutable values with {@code equals} and
 * {@code hashCode}, typically {@code namespace/name} strings.
 *
 * <p>Thread-safe: any thread may add, any number of workers may {@link #get()}. Waiting
 * blocks without spinning; delayed adds are timed by one scheduler thread per queue, started
 * on first use.
 */
public interface WorkQueue<K> {

    /** A queue whose {@link #addRateLimited} uses {@link Backoff#DEFAULT}; {@code name} appears in thread names and logs. */
    static <K> WorkQueue<K> create(String name) {
        return create(name, Backoff.DEFAULT);
    }

    static <K> WorkQueue<K> create(String name, Backoff backoff) {
        return new DefaultWorkQueue<>(name, backoff);
    }

    /** Queues the key unless it is already waiting. Ignored after shutdown. */
    void add(K key);

    /** Adds the key once {@code delay} has passed; a key already waiting for an earlier time keeps it. Ignored after shutdown. */
    void addAfter(K key, Duration delay);

    /** Adds the key after its backoff: the n-th call since the last {@link #forget} waits {@code base * 2^n}, capped. */
    void addRateLimited(K key);

    /** Resets the key's backoff; call it when the key was processed successfully. Does not remove a waiting key. */
    void forget(K key);

    /** How many times the key was rate-limited since its last {@link #forget}. */
    int numRequeues(K key);

    /**
     * Blocks until a key is ready and hands it to the caller, who must call {@link #done} with it.
     *
     * @return the key, or null once the queue is shut down (after {@link #shutDownWithDrain},
     *     once the keys queued at shutdown are handed out): the worker should then return
     * @throws InterruptedException if the worker thread is interrupted while waiting
     */
    K get() throws InterruptedException;

    /** Marks the key processed; if it was added meanwhile, queues it again. Unknown keys are ignored. */
    void done(K key);

    /** How many keys wait to be handed out (not counting keys being processed or delayed). */
    int len();

    /** Stops at once: waiting and future {@link #get()} calls return null, adds are ignored, queued keys are dropped. Idempotent. */
    void shutDown();

    /**
     * Stops accepting adds, lets workers take the keys still queued, and blocks until every key
     * handed out is {@link #done}. Needs running workers. Returns early if the calling thread is
     * interrupted (the interrupt flag stays set).
     */
    void shutDownWithDrain();

    boolean isShuttingDown();
}
