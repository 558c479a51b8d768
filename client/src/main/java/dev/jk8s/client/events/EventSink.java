package dev.jk8s.client.events;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.core.Event;

/**
 * Where a component reports what it did to an object, as Kubernetes Events. Best effort: an
 * implementation never throws and never makes its caller wait for a write.
 */
public interface EventSink {

    void record(ApiObject involved, String type, String reason, String message);

    default void normal(ApiObject involved, String reason, String message) {
        record(involved, Event.NORMAL, reason, message);
    }

    default void warning(ApiObject involved, String reason, String message) {
        record(involved, Event.WARNING, reason, message);
    }
}
