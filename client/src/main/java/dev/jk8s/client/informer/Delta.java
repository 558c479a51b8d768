package dev.jk8s.client.informer;

import dev.jk8s.api.ApiObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One change to an informer's cache, as its handlers will see it. For DELETED, {@code object}
 * is the last known state; {@code oldObject} is set only for UPDATED. Immutable.
 */
record Delta<T extends ApiObject>(Type type, T oldObject, T object) {

    enum Type { ADDED, UPDATED, DELETED }

    static <T extends ApiObject> Delta<T> added(T object) {
        return new Delta<>(Type.ADDED, null, object);
    }

    static <T extends ApiObject> Delta<T> updated(T oldObject, T newObject) {
        return new Delta<>(Type.UPDATED, oldObject, newObject);
    }

    static <T extends ApiObject> Delta<T> deleted(T last) {
        return new Delta<>(Type.DELETED, null, last);
    }

    String key() {
        return Keys.of(object);
    }

    void deliverTo(ResourceEventHandler<? super T> handler) {
        switch (type) {
            case ADDED -> handler.onAdd(object);
            case UPDATED -> handler.onUpdate(oldObject, object);
            case DELETED -> handler.onDelete(object);
        }
    }

    /**
     * What a fresh list changes in the cache: listed objects not cached are ADDED, cached ones
     * at another resourceVersion are UPDATED (unchanged ones produce nothing: no resync), and
     * cached objects not listed are DELETED. An object deleted and re-created under the same name
     * while the informer was away (another uid) is DELETED then ADDED, so handlers never see
     * an update between two different objects. Order: the list's, then deletions by key. Pure.
     */
    static <T extends ApiObject> List<Delta<T>> diff(Map<String, T> cached, List<T> listed) {
        List<Delta<T>> deltas = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (T now : listed) {
            String key = Keys.of(now);
            seen.add(key);
            T before = cached.get(key);
            if (before == null) {
                deltas.add(added(now));
            } else if (recreated(before, now)) {
                deltas.add(deleted(before));
                deltas.add(added(now));
            } else if (!sameVersion(before, now)) {
                deltas.add(updated(before, now));
            }
        }
        new TreeMap<>(cached).forEach((key, before) -> {
            if (!seen.contains(key)) {
                deltas.add(deleted(before));
            }
        });
        return deltas;
    }

    private static boolean recreated(ApiObject before, ApiObject now) {
        String a = before.metadata().uid();
        String b = now.metadata().uid();
        return a != null && !a.isEmpty() && b != null && !b.isEmpty() && !a.equals(b);
    }

    /** The resourceVersion decides when there is one (cheap); otherwise the whole value. */
    private static boolean sameVersion(ApiObject before, ApiObject now) {
        long revision = before.metadata().revision();
        return revision != 0 ? revision == now.metadata().revision() : Objects.equals(before, now);
    }
}
