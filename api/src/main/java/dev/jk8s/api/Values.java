package dev.jk8s.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalises collections inside API values (never null, never modifiable, order kept), and
 * answers the defaulters' one question: is this field unset?
 */
public final class Values {

    private Values() {
    }

    /** An unmodifiable copy; null becomes empty. Null elements are refused (a manifest error). */
    public static <T> List<T> list(List<T> list) {
        if (list == null) {
            return List.of();
        }
        for (T item : list) {
            if (item == null) {
                throw new IllegalArgumentException("a list entry is empty (null); remove it or fill it in");
            }
        }
        return List.copyOf(list);
    }

    /** An unmodifiable, insertion-ordered copy; null becomes empty. */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * The value, or the fallback when it is unset. Null and the empty string both count as unset,
     * as Go's zero value does in Kubernetes' defaulting, so {@code restartPolicy: ""} is defaulted too.
     */
    public static <T> T or(T value, T fallback) {
        return value == null || "".equals(value) ? fallback : value;
    }
}
