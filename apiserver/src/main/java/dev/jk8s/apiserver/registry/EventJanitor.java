package dev.jk8s.apiserver.registry;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.core.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Events bounded, so etcd does not fill up and the history of a long-lived object is not
 * lost: each object keeps its newest {@code maxPerObject} events; events of an object that no
 * longer exists are deleted once their last occurrence is older than {@code ttl}. Works from the
 * watch caches; deletes through the registry. {@link #sweep()} is safe to call at any time.
 */
public final class EventJanitor {

    private static final Logger LOG = LoggerFactory.getLogger(EventJanitor.class);
    private static final Comparator<Event> NEWEST_FIRST =
            Comparator.comparing(EventJanitor::lastSeen, Comparator.nullsLast(Comparator.reverseOrder()));

    private final Registry registry;
    private final Clock clock;
    private final int maxPerObject;
    private final Duration ttl;

    public EventJanitor(Registry registry, Clock clock, int maxPerObject, Duration ttl) {
        this.registry = registry;
        this.clock = clock;
        this.maxPerObject = maxPerObject;
        this.ttl = ttl;
    }

    /** One pass; returns how many events were deleted. */
    public int sweep() {
        KindStore<Event> events = registry.store(Kinds.EVENT);
        Map<String, List<Event>> byObject = events.cache().snapshot().stream()
                .collect(Collectors.groupingBy(EventJanitor::objectKey));
        int deleted = 0;
        for (List<Event> group : byObject.values()) {
            deleted += deleteAll(events, plan(group, involvedExists(group.get(0).involvedObject()), clock.instant()));
        }
        return deleted;
    }

    /** Which events of one object to delete: beyond the newest {@code maxPerObject}, or all once expired. */
    List<Event> plan(List<Event> group, boolean objectExists, Instant now) {
        List<Event> sorted = new ArrayList<>(group);
        sorted.sort(NEWEST_FIRST);
        Instant newest = lastSeen(sorted.get(0));
        if (!objectExists && newest != null && newest.plus(ttl).isBefore(now)) {
            return sorted;
        }
        return sorted.size() <= maxPerObject ? List.of() : sorted.subList(maxPerObject, sorted.size());
    }

    private int deleteAll(KindStore<Event> events, List<Event> doomed) {
        int n = 0;
        for (Event e : doomed) {
            try {
                events.delete(e.metadata().namespace(), e.metadata().name(), DeleteOptions.DEFAULT);
                n++;
            } catch (ApiException ex) {
                LOG.debug("event {}/{} not deleted: {}", e.metadata().namespace(), e.metadata().name(), ex.getMessage());
            }
        }
        return n;
    }

    private boolean involvedExists(ObjectReference ref) {
        Optional<Kind<?>> kind = Kinds.byKind(ref.kind() == null ? "" : ref.kind());
        if (kind.isEmpty()) {
            return false;
        }
        KindStore<?> store = registry.forResource(kind.get().resource());
        Optional<? extends ApiObject> live = store.cache().get(store.key(ref.namespace(), ref.name()));
        return live.isPresent() && (ref.uid() == null || ref.uid().equals(live.get().metadata().uid()));
    }

    private static String objectKey(Event e) {
        ObjectReference r = e.involvedObject();
        return r.uid() != null ? r.uid() : r.kind() + "/" + r.namespace() + "/" + r.name();
    }

    private static Instant lastSeen(Event e) {
        return e.lastTimestamp() != null ? e.lastTimestamp() : e.metadata().creationTimestamp();
    }
}
