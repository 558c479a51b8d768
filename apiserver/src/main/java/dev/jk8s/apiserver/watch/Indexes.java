package dev.jk8s.apiserver.watch;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Secondary indexes over a cache's objects, as client-go's {@code Indexer}: an index maps each
 * value its function gives an object (a token's hash, a node name) to the keys of the objects
 * that have it. Not thread-safe: {@link WatchCache} calls it under its lock.
 */
final class Indexes<T> {

    private final Map<String, Function<T, Collection<String>>> functions = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> keysByValue = new HashMap<>();

    /** Adds an index and fills it from {@code objects}; a name given twice replaces the first. */
    void add(String name, Function<T, Collection<String>> values, Map<String, T> objects) {
        functions.put(name, values);
        Map<String, Set<String>> index = new HashMap<>();
        keysByValue.put(name, index);
        objects.forEach((key, o) -> values.apply(o).forEach(v -> index.computeIfAbsent(v, x -> new HashSet<>()).add(key)));
    }

    /** Moves {@code key} from the values of {@code before} (null: new) to those of {@code after} (null: deleted). */
    void update(String key, T before, T after) {
        functions.forEach((name, values) -> {
            Map<String, Set<String>> index = keysByValue.get(name);
            if (before != null) {
                values.apply(before).forEach(v -> remove(index, v, key));
            }
            if (after != null) {
                values.apply(after).forEach(v -> index.computeIfAbsent(v, x -> new HashSet<>()).add(key));
            }
        });
    }

    /** Rebuilds every index from scratch (after a relist). */
    void rebuild(Map<String, T> objects) {
        Map.copyOf(functions).forEach((name, values) -> add(name, values, objects));
    }

    /** The keys of the objects whose index {@code name} has {@code value}; empty for an unknown index. */
    List<String> keys(String name, String value) {
        Set<String> keys = keysByValue.getOrDefault(name, Map.of()).get(value);
        return keys == null ? List.of() : List.copyOf(keys);
    }

    private static void remove(Map<String, Set<String>> index, String value, String key) {
        Set<String> keys = index.get(value);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            index.remove(value);
        }
    }
}
