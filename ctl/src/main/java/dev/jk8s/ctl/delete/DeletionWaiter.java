package dev.jk8s.ctl.delete;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Reason;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchEvent;
import dev.jk8s.client.WatchHandler;
import dev.jk8s.client.WatchOptions;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.KindClient;
import dev.jk8s.ctl.ObjectNames;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code delete --wait}: blocks until a terminating object is gone, by watching it from the
 * revision the deletion returned (so no event in between is missed). When the watch ends early
 * (e.g. the revision was compacted) it reads the object and watches again from there.
 */
final class DeletionWaiter {

    private static final long RETRY_PAUSE_MS = 250;

    private enum Signal { GONE, CLOSED }

    private DeletionWaiter() {
    }

    /**
     * Returns at once unless {@code deleted} (what the deletion returned) is terminating.
     *
     * @param timeout zero: no limit
     * @throws CtlException when the object is still there after {@code timeout}
     */
    static <T extends ApiObject> void awaitGone(KindClient<T> client, T deleted, Duration timeout) {
        if (!deleted.metadata().isTerminating()) {
            return;
        }
        String namespace = deleted.metadata().namespace();
        String name = deleted.metadata().name();
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        long revision = deleted.metadata().revision();
        while (true) {
            BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
            WatchOptions options = WatchOptions.DEFAULT.withFieldSelector("metadata.name=" + name).withResourceVersion(revision);
            try (Watch ignored = client.watch(namespace, options, handler(signals))) {
                Signal s = poll(signals, deadline);
                if (s == null) {
                    throw new CtlException("timed out after " + timeout.toSeconds() + "s waiting for "
                            + ObjectNames.quoted(client.kind(), name) + " to be deleted; it is still terminating (finalizers: "
                            + deleted.metadata().finalizers() + "); raise --timeout or pass --wait=false");
                }
                if (s == Signal.GONE) {
                    return;
                }
            }
            T current = getOrNull(client, namespace, name);
            if (current == null) {
                return;
            }
            revision = current.metadata().revision();
            pause();
        }
    }

    /** Between watches, so that a watch the server keeps ending does not become a busy loop. */
    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted while waiting for the deletion", e);
        }
    }

    private static <T> WatchHandler<T> handler(BlockingQueue<Signal> signals) {
        return new WatchHandler<>() {
            @Override
            public void onEvent(WatchEvent<T> event) {
                if (event.type() == WatchEvent.Type.DELETED) {
                    signals.add(Signal.GONE);
                }
            }

            @Override
            public void onClose(ApiException error) {
                signals.add(Signal.CLOSED);
            }
        };
    }

    private static Signal poll(BlockingQueue<Signal> signals, long deadline) {
        try {
            long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
            return signals.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted while waiting for the deletion", e);
        }
    }

    private static <T extends ApiObject> T getOrNull(KindClient<T> client, String namespace, String name) {
        try {
            return client.get(namespace, name);
        } catch (ApiException e) {
            if (e.is(Reason.NOT_FOUND)) {
                return null;
            }
            throw e;
        }
    }
}
