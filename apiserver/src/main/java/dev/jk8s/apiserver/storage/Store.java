package dev.jk8s.apiserver.storage;

import java.util.List;
import java.util.Optional;

/**
 * The storage the registry writes through: a key-value store with revisions, compare-and-swap
 * writes and ordered watches. Values are opaque bytes; revisions are etcd's (global, increasing).
 *
 * <p>Semantics are etcd's: every write gets a revision newer than any before it (writes committed
 * together in one transaction share one); a key's modRevision is the object's resourceVersion;
 * {@link #update} and {@link #delete} succeed only if the key still has the expected modRevision. Reads and compare-and-swap writes may be retried by callers; nothing
 * here is a blind overwrite. Implementations are thread-safe. Failures are {@link StorageException}s.
 * Only the etcd implementation imports jetcd.
 */
public interface Store extends AutoCloseable {

    /** A stored value and the revisions etcd keeps for it. */
    record KeyValue(String key, byte[] value, long modRevision) {
    }

    /** One page of a list, read at {@code revision}; {@code more} when keys remain after the last. */
    record Page(List<KeyValue> items, long revision, boolean more) {
    }

    enum EventType { PUT, DELETE }

    /**
     * One change: for PUT the new value, for DELETE none; {@code prevValue} when etcd still had it.
     * {@code revision} is the revision of the change.
     */
    record Event(EventType type, String key, byte[] value, byte[] prevValue, long prevRevision, long revision) {
    }

    /** Receives the events of a watch in revision order, on one thread at a time. */
    interface WatchListener {
        void onEvents(List<Event> events);

        /** The watch ended (e.g. COMPACTED); no more events follow. */
        void onError(StorageException error);
    }

    /** A running watch; closing it stops the events. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Creates the key; returns the revision. Fails with KEY_EXISTS if it is there. */
    default long create(String key, byte[] value) {
        return StorageException.join(createAsync(key, value));
    }

    /**
     * {@link #create}, without blocking: the future completes with the revision, or fails with
     * a {@link StorageException}. A create that timed out was not, and will not be, written.
     */
    java.util.concurrent.CompletableFuture<Long> createAsync(String key, byte[] value);

    Optional<KeyValue> get(String key);

    /**
     * Lists keys under {@code prefix} in key order, starting at {@code fromKey} (inclusive; null for
     * the start), at {@code revision} (0 = latest), at most {@code limit} (0 = no limit).
     * Fails with COMPACTED when the revision is no longer available.
     */
    Page list(String prefix, String fromKey, long revision, int limit);

    /** Replaces the value if the key's modRevision is still {@code expectedRevision}; returns the new revision. */
    long update(String key, byte[] value, long expectedRevision);

    /** Deletes the key if its modRevision is still {@code expectedRevision}; returns the deletion's revision. */
    long delete(String key, long expectedRevision);

    /** Watches every change under {@code prefix} after {@code afterRevision}, in order, with no gap. */
    Watch watch(String prefix, long afterRevision, WatchListener listener);

    /** The store's current revision. */
    long currentRevision();

    /** Discards history before {@code revision}; watches and lists from earlier then fail COMPACTED. */
    void compact(long revision);

    /** The endpoints, for messages. */
    String endpoints();

    @Override
    void close();
}
