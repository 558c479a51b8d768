package dev.jk8s.apiserver;

import dev.jk8s.apiserver.storage.Store;

/** Ready while etcd answers; the answer is cached for a second so probes cannot load etcd. */
final class ReadinessProbe {

    private final Store store;
    private volatile long checkedAt;
    private volatile boolean ready;

    ReadinessProbe(Store store) {
        this.store = store;
    }

    boolean ready() {
        long now = System.nanoTime();
        if (now - checkedAt > 1_000_000_000L) {
            try {
                store.currentRevision();
                ready = true;
            } catch (RuntimeException e) {
                ready = false;
            }
            checkedAt = now;
        }
        return ready;
    }
}
