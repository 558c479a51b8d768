package dev.jk8s.kubelet.runtime.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;

/**
 * Follows a pull's progress stream and keeps the engine's error, which comes either as the
 * HTTP error of the request (registry unreachable) or as an error item in the stream (image
 * unknown). docker-java's own callback logs every failure at ERROR; a failed pull is the
 * kubelet's business to report. Thread-safe.
 */
final class PullProgress extends ResultCallback.Adapter<PullResponseItem> {

    private volatile String failure;

    @Override
    public void onNext(PullResponseItem item) {
        if (item.isErrorIndicated()) {
            failure = item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError();
        }
    }

    @Override
    public void onError(Throwable error) {
        failure = DockerErrors.engineMessage(error);
        try {
            close();
        } catch (IOException ignored) {
            // the stream is broken already
        }
    }

    /** The engine's message when the pull failed; null when it succeeded (or is running). */
    String failure() {
        return failure;
    }
}
