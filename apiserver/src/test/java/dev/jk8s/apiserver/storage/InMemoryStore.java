package dev.jk8s.apiserver.storage;

import dev.jk8s.apiserver.storage.StorageException.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Store} in memory with etcd's revision semantics, for unit tests only: one global
 * revision, compare-and-swap on modRevision, ordered watches that replay history, compaction.
 * Watch events are delivered synchronously on the writing thread. Thread-safe (synchronized).
 */
public final class InMemoryStore implements Store {

    private record Versioned(byte[] value, long modRevision) {
    }

    private final NavigableMap<String, Versioned> data = new TreeMap<>();
    private final List<Event> history = new ArrayList<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private long revision = 1;
    private long compacted;
    private boolean down;

    private record Watcher(String prefix, WatchListener listener) {
    }

    /** Makes every call fail UNAVAILABLE until {@link #up()}. */
    public synchronized void down() {
        down = true;
    }

    public synchronized void up() {
        down = false;
    }

    @Override
    public synchronized long create(String key, byte[] value) {
        check();
        if (data.containsKey(key)) {
            throw StorageException.of(Code.KEY_EXISTS, key + " exists");
        }
        return put(key, value, null);
    }

    @Override
    public java.util.concurrent.CompletableFuture<Long> createAsync(String key, byte[] value) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(create(key, value));
        } catch (StorageException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** Creates several keys in one transaction: one revision, one batch of watch events (as etcd does). */
    public synchronized long createAll(Map<String, byte[]> values) {
        check();
        revision++;
        List<Event> events = new ArrayList<>();
        values.forEach((key, value) -> {
            data.put(key, new Versioned(value, revision));
            events.add(new Event(EventType.PUT, key, value, null, 0, revision));
        });
        history.addAll(events);
        for (Watcher w : watchers) {
            List<Event> mine = events.stream().filter(e -> e.key().startsWith(w.prefix)).toList();
            if (!mine.isEmpty()) {
                w.listener.onEvents(mine);
            }
        }
        return revision;
    }

    @Override
    public synchronized Optional<KeyValue> get(String key) {
        check();
        Versioned v = data.get(key);
        return v == null ? Optional.empty() : Optional.of(new KeyValue(key, v.value, v.modRevision));
    }

    @Override
    public synchronized Page list(String prefix, String fromKey, long atRevision, int limit) {
        check();
        if (atRevision != 0 && atRevision != revision) {
            throw new UnsupportedOperationException("the in-memory store lists only at the latest revision");
        }
        List<KeyValue> items = new ArrayList<>();
        boolean more = false;
        for (Map.Entry<String, Versioned> e : data.tailMap(fromKey == null ? prefix : fromKey, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (limit > 0 && items.size() == limit) {
                more = true;
                break;
            }
            items.add(new KeyValue(e.getKey(), e.getValue().value, e.getValue().modRevision));
        }
        return new Page(items, revision, more);
    }

    @Override
    public synchronized long update(String key, byte[] value, long expectedRevision) {
        check();
        Versioned v = casTarget(key, expectedRevision);
        return put(key, value, v);
    }

    @Override
    public synchronized long delete(String key, long expectedRevision) {
        check();
        Versioned v = casTarget(key, expectedRevision);
        data.remove(key);
        revision++;
        publish(new Event(EventType.DELETE, key, null, v.value, v.modRevision, revision));
        return revision;
    }

    private Versioned casTarget(String key, long expectedRevision) {
        Versioned v = data.get(key);
        if (v == null) {
            throw StorageException.of(Code.NOT_FOUND, key + " not found");
        }
        if (v.modRevision != expectedRevision) {
            throw StorageException.of(Code.CONFLICT, key + " was modified");
        }
        return v;
    }

    private long put(String key, byte[] value, Versioned prev) {
        revision++;
        data.put(key, new Versioned(value, revision));
        publish(new Event(EventType.PUT, key, value, prev == null ? null : prev.value,
                prev == null ? 0 : prev.modRevision, revision));
        return revision;
    }

    private void publish(Event e) {
        history.add(e);
        for (Watcher w : watchers) {
            if (e.key().startsWith(w.prefix)) {
                w.listener.onEvents(List.of(e));
            }
        }
    }

    @Override
    public synchronized Watch watch(String prefix, long afterRevision, WatchListener listener) {
        if (afterRevision < compacted) {
            listener.onError(new StorageException(Code.COMPACTED, "compacted", compacted, null));
            return () -> { };
        }
        List<Event> replay = history.stream()
                .filter(e -> e.revision() > afterRevision && e.key().startsWith(prefix)).toList();
        // etcd sends the replay in responses that never split a revision; one response is the simplest such
        if (!replay.isEmpty()) {
            listener.onEvents(replay);
        }
        Watcher w = new Watcher(prefix, listener);
        watchers.add(w);
        return () -> watchers.remove(w);
    }

    @Override
    public synchronized long currentRevision() {
        check();
        return revision;
    }

    @Override
    public synchronized void compact(long rev) {
        compacted = rev;
        history.removeIf(e -> e.revision() <= rev);
    }

    @Override
    public String endpoints() {
        return "memory";
    }

    @Override
    public void close() {
        watchers.clear();
    }

    private void check() {
        if (down) {
            throw StorageException.of(Code.UNAVAILABLE, "etcd at memory is unreachable");
        }
    }
}
