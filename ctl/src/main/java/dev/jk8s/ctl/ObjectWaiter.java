package dev.jk8s.ctl;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Reason;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchEvent;
import dev.jk8s.client.WatchHandler;
import dev.jk8s.client.WatchOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Follows one object's states until a condition holds: {@code rollout status}, {@code delete
 * --wait}, {@code drain}. It watches from the revision of the last state seen, so no change in
 * between is missed; when a watch ends early (e.g. its revision was compacted) it reads the object
 * again and watches on from there. Runs on the caller's thread; not thread-safe.
 */
public final class ObjectWaiter {

    private static final long RETRY_PAUSE_MS = 250;

    private ObjectWaiter() {
    }

    /**
     * Feeds {@code done} the object's states, starting with {@code initial}, until it returns true.
     * An empty state means the object is gone.
     *
     * @param timeout zero: no limit
     * @return false when {@code timeout} passed first
     */
    public static <T extends ApiObject> boolean await(KindClient<T> client, T initial, Duration timeout,
                                                      Predicate<Optional<T>> done) {
        if (done.test(Optional.of(initial))) {
            return true;
        }
        String namespace = initial.metadata().namespace();
        String name = initial.metadata().name();
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        long revision = initial.metadata().revision();
        while (true) {
            BlockingQueue<Optional<WatchEvent<T>>> events = new LinkedBlockingQueue<>();
            WatchOptions options = WatchOptions.DEFAULT.withFieldSelector("metadata.name=" + name).withResourceVersion(revision);
            try (Watch ignored = client.watch(namespace, options, handler(events))) {
                for (Optional<WatchEvent<T>> e = poll(events, deadline); e.isPresent(); e = poll(events, deadline)) {
                    if (done.test(stateAfter(e.get()))) {
                        return true;
                    }
                    revision = e.get().object().metadata().revision();
                }
            }
            if (timedOut(deadline)) {
                return false;
            }
            Optional<T> current = read(client, namespace, name);
            if (done.test(current)) {
                return true;
            }
            revision = current.orElseThrow(() -> new CtlException(ObjectNames.quoted(client.kind(), name)
                    + " was deleted while waiting for it")).metadata().revision();
            pause();
        }
    }

    private static <T extends ApiObject> Optional<T> stateAfter(WatchEvent<T> e) {
        return e.type() == WatchEvent.Type.DELETED ? Optional.empty() : Optional.of(e.object());
    }

    private static boolean timedOut(long deadline) {
        return deadline != Long.MAX_VALUE && System.nanoTime() >= deadline;
    }

    /** Between watches, so that a watch the server keeps ending does not become a busy loop. */
    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted while waiting", e);
        }
    }

    private static <T> WatchHandler<T> handler(BlockingQueue<Optional<WatchEvent<T>>> events) {
        return new WatchHandler<>() {
            @Override
            public void onEvent(WatchEvent<T> event) {
                if (event.type() != WatchEvent.Type.BOOKMARK) {
                    events.add(Optional.of(event));
                }
            }

            @Override
            public void onClose(ApiException error) {
                events.add(Optional.empty());
            }
        };
    }

    /** The next event, empty when the watch closed or the deadline passed. */
    private static <T> Optional<WatchEvent<T>> poll(BlockingQueue<Optional<WatchEvent<T>>> events, long deadline) {
        try {
            long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
            Optional<WatchEvent<T>> e = events.poll(wait, TimeUnit.NANOSECONDS);
            return e == null ? Optional.empty() : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted while waiting", e);
        }
    }

    private static <T extends ApiObject> Optional<T> read(KindClient<T> client, String namespace, String name) {
        try {
            return Optional.of(client.get(namespace, name));
        } catch (ApiException e) {
            if (e.is(Reason.NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
