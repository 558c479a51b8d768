package dev.jk8s.kubelet.runtime.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.jk8s.kubelet.runtime.ContainerRuntime.LogSink;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One container's log stream, delivered frame by frame to a {@link LogSink} from docker-java's
 * thread. {@link LogSink#end} is called at most once, and never after {@link #close()}.
 * Thread-safe.
 */
final class LogStream extends ResultCallback.Adapter<Frame> implements Closeable {

    private final String containerId;
    private final LogSink sink;
    private final AtomicBoolean ended = new AtomicBoolean();

    LogStream(String containerId, LogSink sink) {
        this.containerId = containerId;
        this.sink = sink;
    }

    @Override
    public void onNext(Frame frame) {
        if (!ended.get()) {
            sink.chunk(frame.getPayload());
        }
    }

    @Override
    public void onError(Throwable error) {
        end(DockerErrors.map("logs of container " + ContainerReader.shortId(containerId), runtime(error)));
        try {
            close(); // not super: it logs every error, a close() of ours included
        } catch (IOException ignored) {
            // the stream is broken already
        }
    }

    @Override
    public void onComplete() {
        end(null);
        super.onComplete();
    }

    @Override
    public void close() throws IOException {
        ended.set(true);
        super.close();
    }

    private void end(Throwable error) {
        if (ended.compareAndSet(false, true)) {
            sink.end(error);
        }
    }

    private static RuntimeException runtime(Throwable error) {
        return error instanceof RuntimeException re ? re : new RuntimeException(error);
    }
}
