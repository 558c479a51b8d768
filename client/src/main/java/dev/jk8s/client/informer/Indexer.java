package dev.jk8s.client.informer;

import dev.jk8s.api.ApiObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A thread-safe cache of objects keyed by {@link Keys#of(ApiObject) namespace/name}, with
 * secondary indexes: the built-in {@value #NAMESPACE} index, and any added with
 * {@link #addIndex} (e.g. pods by {@code spec.nodeName}).
 *
 * <p>Reads return immutable snapshots, ordered by key; the objects in them are the cached
 * instances themselves, which is safe because API objects are immutable. A {@link SharedInformer}
 * is the only writer of its own indexer; controllers only read it, and tests seed one directly
 * with {@link #put} or {@link #replace}. Index functions must be pure and fast: they run under
 * the write lock. Nulls are never returned, except by the Map-like writers.
 */
public final class Indexer<T extends ApiObject> {

    /** The built-in index: namespace → objects in it (cluster-scoped objects are not in it). */
    public static final String NAMESPACE = "namespace";

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, T> items = new TreeMap<>();
    private final Map<String, Function<? super T, ? extends Collection<String>>> indexFunctions = new LinkedHashMap<>();
    /** index name → index value → keys of the objects with that value. */
    private final Map<String, Map<String, Set<String>>> indices = new HashMap<>();

    public Indexer() {
        addIndex(NAMESPACE, o -> {
            String ns = o.metadata().namespace();
            return ns == null || ns.isEmpty() ? List.of() : List.of(ns);
        });
    }

    /**
     * Adds an index; objects already cached are indexed at once. {@code function} returns the
     * values an object is found under (null or empty: none).
     *
     * @throws IllegalArgumentException if an index of that name exists
     */
    public void addIndex(String name, Function<? super T, ? extends Collection<String>> function) {
        Objects.requireNonNull(function, "function");
        lock.writeLock().lock();
        try {
            if (indexFunctions.containsKey(name)) {
                throw new IllegalArgumentException("index \"" + name + "\" already exists; choose another name");
            }
            indexFunctions.put(name, function);
            indices.put(name, new HashMap<>());
            items.forEach((key, object) -> index(name, key, values(function, object)));
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<T> get(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(items.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@code namespace} null or empty for a cluster-scoped object. */
    public Optional<T> get(String namespace, String name) {
        return get(Keys.of(namespace, name));
    }

    public List<T> list() {
        lock.readLock().lock();
        try {
            return List.copyOf(items.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    public Set<String> keys() {
        lock.readLock().lock();
        try {
            return Collections.unmodifiableSortedSet(new TreeSet<>(items.keySet()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The objects whose index function returned {@code value}, ordered by key. */
    public List<T> byIndex(String index, String value) {
        lock.readLock().lock();
        try {
            Set<String> keys = index(index).getOrDefault(value, Set.of());
            List<T> result = new ArrayList<>(keys.size());
            keys.forEach(k -> result.add(items.get(k)));
            return List.copyOf(result);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Shorthand for {@code byIndex(NAMESPACE, namespace)}. */
    public List<T> byNamespace(String namespace) {
        return byIndex(NAMESPACE, namespace);
    }

    public int size() {
        lock.readLock().lock();
        try {
            return items.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** An immutable copy of the whole cache, key → object. */
    public Map<String, T> snapshot() {
        lock.readLock().lock();
        try {
            return Map.copyOf(items);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds or replaces the object under its key; returns the previous object, or null. */
    public T put(T object) {
        String key = Keys.of(object);
        lock.writeLock().lock();
        try {
            Entry<T> entry = new Entry<>(key, object, valuesOf(object));
            T previous = items.get(key);
            if (previous != null) {
                unindex(key, previous);
            }
            store(entry);
            return previous;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the object cached under {@code key}; returns it, or null if there was none. */
    public T remove(String key) {
        lock.writeLock().lock();
        try {
            T previous = items.remove(key);
            if (previous != null) {
                unindex(key, previous);
            }
            return previous;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the object cached under the key of {@code object}; returns the cached one, or null. */
    public T remove(T object) {
        return remove(Keys.of(object));
    }

    /** Replaces the whole content, atomically for readers, and rebuilds every index. */
    public void replace(Collection<? extends T> objects) {
        lock.writeLock().lock();
        try {
            List<Entry<T>> entries = objects.stream().map(o -> new Entry<T>(Keys.of(o), o, valuesOf(o))).toList();
            items.clear();
            indices.values().forEach(Map::clear);
            entries.forEach(this::store);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "Indexer" + keys();
    }

    /** An object with its index values, computed before anything changes. */
    private record Entry<T>(String key, T object, Map<String, Collection<String>> values) {
    }

    private void store(Entry<T> entry) {
        items.put(entry.key, entry.object);
        entry.values.forEach((index, values) -> index(index, entry.key, values));
    }

    private Map<String, Set<String>> index(String name) {
        Map<String, Set<String>> index = indices.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no index \"" + name + "\"; known indexes: " + indexFunctions.keySet());
        }
        return index;
    }

    /** Computed before anything changes, so that a failing index function leaves the cache intact. */
    private Map<String, Collection<String>> valuesOf(T object) {
        Map<String, Collection<String>> result = new LinkedHashMap<>();
        indexFunctions.forEach((name, function) -> result.put(name, values(function, object)));
        return result;
    }

    private static <T> Collection<String> values(Function<? super T, ? extends Collection<String>> function, T object) {
        Collection<String> values = function.apply(object);
        return values == null ? List.of() : values;
    }

    private void index(String name, String key, Collection<String> values) {
        Map<String, Set<String>> index = indices.get(name);
        values.forEach(v -> index.computeIfAbsent(v, x -> new TreeSet<>()).add(key));
    }

    private void unindex(String key, T object) {
        indexFunctions.forEach((name, function) -> {
            Map<String, Set<String>> index = indices.get(name);
            for (String value : values(function, object)) {
                Set<String> keys = index.get(value);
                if (keys != null && keys.remove(key) && keys.isEmpty()) {
                    index.remove(value);
                }
            }
        });
    }
}
