package dev.jk8s.client.informer;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ListOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link SharedInformer} per (kind, namespace, selectors) for a whole process, so that every
 * controller watching pods shares one watch and one cache. Ask for informers and register
 * handlers first, then {@link #start()}; {@link #awaitSynced} before starting workers.
 * Thread-safe.
 */
public final class SharedInformerFactory {

    private record Key(String resource, String namespace, ListOptions options) {
    }

    private final ApiClient client;
    private final Map<Key, SharedInformer<?>> informers = new LinkedHashMap<>();
    private boolean stopped;

    public SharedInformerFactory(ApiClient client) {
        this.client = client;
    }

    /** The informer of every object of the kind, in all namespaces. */
    public <T extends ApiObject> SharedInformer<T> informer(Kind<T> kind) {
        return informer(kind, null, ListOptions.DEFAULT);
    }

    /** The informer of {@code namespace} (null: all; ignored for cluster-scoped kinds) with these selectors. */
    @SuppressWarnings("unchecked") // the key's resource fixes the type
    public synchronized <T extends ApiObject> SharedInformer<T> informer(Kind<T> kind, String namespace, ListOptions options) {
        Key key = new Key(kind.resource(), kind.namespaced() ? namespace : null, options);
        return (SharedInformer<T>) informers.computeIfAbsent(key,
                k -> new SharedInformer<>(client.resource(kind), k.namespace(), options));
    }

    /** Starts every informer not yet started; call again after asking for more. Ignored after stop. */
    public synchronized void start() {
        if (!stopped) {
            informers.values().forEach(SharedInformer::start);
        }
    }

    /** Waits until every informer has synced, within one overall timeout; returns whether all did. */
    public boolean awaitSynced(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SharedInformer<?> informer : snapshot()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!informer.awaitSynced(left)) {
                return false;
            }
        }
        return true;
    }

    /** Stops every informer. */
    public synchronized void stop() {
        stopped = true;
        informers.values().forEach(SharedInformer::stop);
    }

    private synchronized List<SharedInformer<?>> snapshot() {
        return new ArrayList<>(informers.values());
    }
}
