package dev.jk8s.ctl.delete;

import dev.jk8s.api.ApiObject;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.Durations;
import dev.jk8s.ctl.KindClient;
import dev.jk8s.ctl.ObjectNames;
import dev.jk8s.ctl.ObjectWaiter;
import java.time.Duration;
import java.util.Optional;

/** {@code delete --wait}: blocks until a terminating object is gone ({@link ObjectWaiter}). */
final class DeletionWaiter {

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
        if (!ObjectWaiter.await(client, deleted, timeout, Optional::isEmpty)) {
            throw new CtlException("timed out after " + Durations.format(timeout) + " waiting for "
                    + ObjectNames.quoted(client.kind(), deleted.metadata().name())
                    + " to be deleted; it is still terminating (finalizers: " + deleted.metadata().finalizers()
                    + "); raise --timeout or pass --wait=false");
        }
    }
}
