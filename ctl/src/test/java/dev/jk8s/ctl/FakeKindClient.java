package dev.jk8s.ctl;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.FieldSelector;
import dev.jk8s.api.Kind;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Selector;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ObjectList;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchEvent;
import dev.jk8s.client.WatchHandler;
import dev.jk8s.client.WatchOptions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory {@link KindClient} with the apiserver's write semantics that jctl relies on:
 * create fails with AlreadyExists, update with a resourceVersion is a compare-and-swap, every
 * write bumps the revision, dry runs store nothing. Records every write as a string
 * ({@code create default/x}, {@code update default/x}) for tests to assert on.
 */
public final class FakeKindClient<T extends ApiObject> implements KindClient<T> {

    public static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");

    private final Kind<T> kind;
    private final long[] revision;
    private final Map<String, T> objects = new TreeMap<>();
    private final List<String> actions = new ArrayList<>();
    private final Deque<Runnable> beforeUpdate = new ArrayDeque<>();
    private final List<FakeWatch> watches = new ArrayList<>();
    private final List<Long> watchedFrom = new ArrayList<>();
    private final Deque<Runnable> whenWatched = new ArrayDeque<>();

    FakeKindClient(Kind<T> kind, long[] revision) {
        this.kind = kind;
        this.revision = revision;
    }

    /** Runs {@code r} just before the next update is checked, e.g. a concurrent writer. */
    public synchronized void beforeNextUpdate(Runnable r) {
        beforeUpdate.add(r);
    }

    /** Stores the object as if created by someone else; returns it as stored. */
    public synchronized T seed(T object) {
        return store(withMeta(object, object.metadata().toBuilder().uid("uid-" + object.metadata().name())
                .creationTimestamp(CREATED)));
    }

    public synchronized T stored(String namespace, String name) {
        return objects.get(key(namespace, name));
    }

    public synchronized List<String> actions() {
        return List.copyOf(actions);
    }

    @Override
    public Kind<T> kind() {
        return kind;
    }

    @Override
    public synchronized T get(String namespace, String name) {
        T o = objects.get(key(namespace, name));
        if (o == null) {
            throw ApiException.notFound(kind.resource(), name);
        }
        return o;
    }

    @Override
    public synchronized ObjectList<T> list(String namespace, ListOptions options) {
        Selector selector = Selector.parse(options.labelSelector());
        FieldSelector fields = FieldSelector.parse(options.fieldSelector(), kind);
        List<T> items = objects.values().stream()
                .filter(o -> namespace == null || namespace.equals(o.metadata().namespace()))
                .filter(o -> selector.matches(o.metadata().labels()))
                .filter(o -> fields.matches(o, kind)).toList();
        return new ObjectList<>(items, revision[0], null);
    }

    @Override
    public synchronized T create(T object, boolean dryRun) {
        String name = object.metadata().name();
        if (objects.containsKey(key(object.metadata().namespace(), name))) {
            throw ApiException.alreadyExists(kind.resource(), name);
        }
        actions.add("create " + key(object.metadata().namespace(), name) + (dryRun ? " (dry run)" : ""));
        T created = withMeta(object, object.metadata().toBuilder().uid("uid-" + name).creationTimestamp(CREATED));
        return dryRun ? created : store(created);
    }

    @Override
    public synchronized T update(T object, boolean dryRun) {
        if (!beforeUpdate.isEmpty()) {
            beforeUpdate.poll().run();
        }
        String name = object.metadata().name();
        T current = get(object.metadata().namespace(), name);
        long expected = object.metadata().revision();
        if (expected != 0 && expected != current.metadata().revision()) {
            throw ApiException.conflict(kind.resource(), name);
        }
        actions.add("update " + key(object.metadata().namespace(), name) + (dryRun ? " (dry run)" : ""));
        T next = withMeta(object, object.metadata().toBuilder().uid(current.metadata().uid())
                .creationTimestamp(current.metadata().creationTimestamp()));
        return dryRun ? next : store(next);
    }

    @Override
    public synchronized T delete(String namespace, String name, DeleteOptions options) {
        T current = get(namespace, name);
        actions.add("delete " + key(namespace, name) + " " + options.propagationPolicy()
                + (options.gracePeriodSeconds() == null ? "" : " grace=" + options.gracePeriodSeconds()));
        objects.remove(key(namespace, name));
        notifyWatches(WatchEvent.Type.DELETED, current);
        return current;
    }

    /**
     * Starts a watch that sees every later write of this fake (no history: the options'
     * resourceVersion is only recorded), then runs the next {@link #whenWatched} action, if any.
     */
    @Override
    public synchronized Watch watch(String namespace, WatchOptions options, WatchHandler<T> handler) {
        FakeWatch w = new FakeWatch(namespace, Selector.parse(options.labelSelector()), handler);
        watches.add(w);
        watchedFrom.add(options.resourceVersion());
        if (!whenWatched.isEmpty()) {
            whenWatched.poll().run();
        }
        return w;
    }

    /** Runs {@code action} (writes, {@link #closeWatches}) on the watching thread just after the next watch starts. */
    public synchronized void whenWatched(Runnable action) {
        whenWatched.add(action);
    }

    /** Ends every open watch, as the apiserver would: with {@code error}, or cleanly when it is null. */
    public synchronized void closeWatches(ApiException error) {
        List.copyOf(watches).forEach(w -> w.end(error));
    }

    /** The resourceVersion each watch was started from, in order. */
    public synchronized List<Long> watchedFrom() {
        return List.copyOf(watchedFrom);
    }

    private synchronized void notifyWatches(WatchEvent.Type type, T object) {
        for (FakeWatch w : List.copyOf(watches)) {
            if ((w.namespace == null || !kind.namespaced() || w.namespace.equals(object.metadata().namespace()))
                    && w.selector.matches(object.metadata().labels())) {
                w.handler.onEvent(new WatchEvent<>(type, object, object.metadata().revision()));
            }
        }
    }

    /** An open watch of this fake; ends once, by {@link #close} (cleanly) or {@link #closeWatches}. */
    private final class FakeWatch implements Watch {
        private final String namespace;
        private final Selector selector;
        private final WatchHandler<T> handler;

        private FakeWatch(String namespace, Selector selector, WatchHandler<T> handler) {
            this.namespace = namespace;
            this.selector = selector;
            this.handler = handler;
        }

        @Override
        public void close() {
            end(null);
        }

        private void end(ApiException error) {
            synchronized (FakeKindClient.this) {
                if (watches.remove(this)) {
                    handler.onClose(error);
                }
            }
        }
    }

    private T store(T object) {
        revision[0]++;
        T stored = withMeta(object, object.metadata().toBuilder().resourceVersion(Long.toString(revision[0])));
        T previous = objects.put(key(stored.metadata().namespace(), stored.metadata().name()), stored);
        notifyWatches(previous == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED, stored);
        return stored;
    }

    private T withMeta(T object, ObjectMeta.Builder meta) {
        return kind.cast(object.withMetadata(meta.build()));
    }

    private String key(String namespace, String name) {
        return (kind.namespaced() ? namespace + "/" : "") + name;
    }
}
