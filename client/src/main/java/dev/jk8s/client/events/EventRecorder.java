package dev.jk8s.client.events;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.core.Event;
import dev.jk8s.client.ResourceClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Events about objects, as Kubernetes' event series: the same event (same object, type,
 * reason, message and component) is stored once, under a name derived from those fields, and
 * seen again it only bumps {@code count} and {@code lastTimestamp}. Recording is best effort: a
 * failure is logged, never thrown, so that reporting cannot break the work being reported.
 * Thread-safe.
 */
public final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final ResourceClient<Event> events;
    private final String component;
    private final Clock clock;

    public EventRecorder(ResourceClient<Event> events, String component, Clock clock) {
        this.events = events;
        this.component = component;
        this.clock = clock;
    }

    public void normal(ApiObject involved, String reason, String message) {
        record(involved, Event.NORMAL, reason, message);
    }

    public void warning(ApiObject involved, String reason, String message) {
        record(involved, Event.WARNING, reason, message);
    }

    /** Records one occurrence; returns the event as stored, or null if it could not be recorded. */
    public Event record(ApiObject involved, String type, String reason, String message) {
        String namespace = namespaceOf(involved);
        String name = nameFor(involved, type, reason, message);
        Instant now = clock.instant();
        try {
            try {
                return events.create(new Event(ObjectMeta.named(namespace, name), ObjectReference.of(involved),
                        type, reason, message, component, now));
            } catch (ApiException e) {
                if (!ApiException.isAlreadyExists(e)) {
                    throw e;
                }
                return events.guaranteedUpdate(namespace, name, ev -> ev.withCount(count(ev) + 1, now));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record event {} {} on {}/{}: {}", type, reason, namespace,
                    involved.metadata().name(), e.getMessage());
            return null;
        }
    }

    private static int count(Event e) {
        return e.count() == null ? 1 : e.count();
    }

    /** Events of cluster-scoped objects (nodes, namespaces) live in "default", as in Kubernetes. */
    private static String namespaceOf(ApiObject involved) {
        String ns = involved.metadata().namespace();
        return ns == null || ns.isEmpty() ? "default" : ns;
    }

    /** {@code <object name>.<hash of what makes the event the same event>}: equal events, equal names. */
    String nameFor(ApiObject involved, String type, String reason, String message) {
        String identity = String.join("\u0000", involved.kind(), involved.metadata().uid() == null ? ""
                : involved.metadata().uid(), type, reason, message, component);
        String base = involved.metadata().name();
        if (base.length() > 200) {
            base = base.substring(0, 200);
        }
        return base + "." + sha256(identity).substring(0, 16);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
