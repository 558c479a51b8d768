package dev.jk8s.api.core;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.ObjectReference;
import java.time.Instant;

/**
 * A report that something happened to {@code involvedObject}: {@code type} Normal or Warning, a
 * CamelCase {@code reason} and a human {@code message}. Repeats of the same event are counted
 * ({@code count}, {@code lastTimestamp}) instead of stored again.
 */
public record Event(String apiVersion, String kind, ObjectMeta metadata, ObjectReference involvedObject,
                    String reason, String message, EventSource source, Instant firstTimestamp,
                    Instant lastTimestamp, Integer count, String type, Instant eventTime, String action,
                    String reportingComponent, String reportingInstance)
        implements ApiObject {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    public Event {
        apiVersion = "v1";
        kind = "Event";
    }

    /** An event seen once, at {@code now}, reported by {@code component}. */
    public Event(ObjectMeta metadata, ObjectReference involvedObject, String type, String reason, String message,
                 String component, Instant now) {
        this(null, null, metadata, involvedObject, reason, message, new EventSource(component, null), now, now,
                1, type, null, null, component, null);
    }

    @Override
    public Event withMetadata(ObjectMeta metadata) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp,
                lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance);
    }

    /** The same event seen again: a new count and last time. */
    public Event withCount(Integer count, Instant lastTimestamp) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp,
                lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance);
    }

    public Event withDefaults(String type, Integer count) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp,
                lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance);
    }
}
