package dev.jk8s.kubelet.runtime.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.jk8s.kubelet.runtime.Labels;
import dev.jk8s.kubelet.runtime.PodRef;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows dockerd's container events of one node (start, die, destroy, oom) and reports their
 * pods. It asks for the events since the moment it was created, so that none is lost while the
 * stream connects. When the stream fails or ends it reconnects, after a back-off growing from
 * 200 ms to 5 s, asking for the events after the last one seen. Best effort: the kubelet lists
 * periodically anyway. Thread-safe; {@link #close()} is idempotent.
 */
final class EventWatch implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(EventWatch.class);
    static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DockerClient docker;
    private final String node;
    private final Consumer<PodRef> changed;
    private final ScheduledExecutorService retries;
    private Stream current;
    private Duration backoff = MIN_BACKOFF;
    /** Nanoseconds since the epoch: where the next connection starts. */
    private long sinceNanos;
    private boolean closed;

    EventWatch(DockerClient docker, String node, Consumer<PodRef> changed, ScheduledExecutorService retries) {
        this.docker = docker;
        this.node = node;
        this.changed = changed;
        this.retries = retries;
        Instant now = Instant.now();
        this.sinceNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    synchronized EventWatch start() {
        if (closed) {
            return this;
        }
        var cmd = docker.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Map.of(Labels.NODE, node)).withEventFilter("start", "die", "destroy", "oom")
                .withSince(String.format("%d.%09d", sinceNanos / 1_000_000_000L, sinceNanos % 1_000_000_000L));
        current = new Stream(); // before exec: its callbacks report only while current
        cmd.exec(current);
        return this;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private synchronized void seen(Event event) {
        backoff = MIN_BACKOFF;
        if (event.getTimeNano() != null) {
            sinceNanos = Math.max(sinceNanos, event.getTimeNano() + 1);
        }
    }

    private synchronized void reconnectLater(Stream ended, Throwable error) {
        if (closed || ended != current) {
            return;
        }
        log.warn("docker events of node {} ended ({}); reconnecting in {} ms", node,
                error == null ? "closed by the engine" : DockerErrors.engineMessage(error), backoff.toMillis());
        try {
            retries.schedule(this::start, backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException runtimeClosed) {
            closed = true;
            return;
        }
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    private void deliver(Event event) {
        seen(event);
        PodRef pod = event.getActor() == null ? null : ContainerReader.podOf(event.getActor().getAttributes());
        if (pod == null) {
            return;
        }
        log.debug("pod {}: container {} {}", pod.key(), ContainerReader.shortId(event.getId()), event.getAction());
        try {
            changed.accept(pod);
        } catch (RuntimeException e) {
            log.warn("pod {}: the event handler failed", pod.key(), e);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a broken stream: nothing to do
        }
    }

    /** One connection's callback; reports only while it is the current one. */
    private final class Stream extends ResultCallback.Adapter<Event> {

        @Override
        public void onNext(Event event) {
            deliver(event);
        }

        @Override
        public void onError(Throwable error) {
            reconnectLater(this, error);
            closeQuietly(this); // not super: it logs every error, a close() of ours included
        }

        @Override
        public void onComplete() {
            reconnectLater(this, null);
            super.onComplete();
        }
    }
}
