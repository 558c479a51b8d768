package dev.jk8s.apiserver;

import dev.jk8s.apiserver.registry.Registry;
import dev.jk8s.apiserver.storage.StorageException;
import dev.jk8s.apiserver.storage.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts etcd's history periodically, as kube-apiserver does: each interval, compact to the
 * revision seen one interval earlier, so between one and two intervals of history stay
 * available for watches to resume. The last compaction is recorded in {@value #KEY} with a
 * compare-and-swap, so several apiservers do not compact twice, and so that a starting watch
 * cache knows where history begins.
 */
public final class Compactor {

    static final String KEY = "/registry/compact_rev_key";
    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

    private final Store store;
    private final Registry registry;
    private long previousRevision;

    public Compactor(Store store, Registry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** The revision history was last compacted at (0 if never). */
    public long lastCompacted() {
        return revisionIn(record());
    }

    private static long revisionIn(Optional<Store.KeyValue> rec) {
        return rec.map(kv -> Long.parseLong(new String(kv.value(), StandardCharsets.UTF_8))).orElse(0L);
    }

    public void schedule(ScheduledExecutorService scheduler, Duration interval) {
        scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            long current = store.currentRevision();
            if (previousRevision > 0) {
                compact(previousRevision);
            }
            previousRevision = current;
        } catch (RuntimeException e) {
            LOG.warn("compaction skipped: {}", e.getMessage());
        }
    }

    /** Compacts history up to {@code revision} (if no one compacted further already) and tells the watch caches. */
    public void compact(long revision) {
        Optional<Store.KeyValue> rec = record();
        long last = revisionIn(rec);
        if (revision <= last) {
            return;
        }
        byte[] value = Long.toString(revision).getBytes(StandardCharsets.UTF_8);
        try {
            if (rec.isPresent()) {
                store.update(KEY, value, rec.get().modRevision());
            } else {
                store.create(KEY, value);
            }
        } catch (StorageException e) {
            LOG.info("another apiserver compacted concurrently: {}", e.getMessage());
            return;
        }
        store.compact(revision);
        registry.compacted(revision);
        LOG.info("compacted etcd history up to revision {}", revision);
    }

    private Optional<Store.KeyValue> record() {
        return store.get(KEY);
    }
}
