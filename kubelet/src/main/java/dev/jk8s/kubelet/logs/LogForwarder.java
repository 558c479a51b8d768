package dev.jk8s.kubelet.logs;

import com.google.protobuf.ByteString;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.wire.WireErrors;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.proto.LogChunk;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * Forwards one runtime log stream to a gRPC caller with flow control. Chunks are queued and sent
 * only while the call is ready (what queued meanwhile goes as one message of up to 64 KiB); past {@link #HIGH_WATER_BYTES} queued, {@link #chunk} waits, which
 * slows the runtime's reader (never a gRPC thread) to the caller's pace. The caller cancelling
 * closes the runtime's stream. Thread-safe: the runtime's thread, the gRPC call's thread and the
 * thread that started the stream may all call in.
 */
final class LogForwarder implements ContainerRuntime.LogSink {

    static final long HIGH_WATER_BYTES = 1 << 20;
    /** Queued chunks are sent together up to this size: chunk boundaries carry no meaning. */
    static final int MAX_MESSAGE_BYTES = 64 << 10;

    private final ServerCallStreamObserver<LogChunk> out;
    private final Function<Throwable, ApiException> translate;
    private final Deque<ByteString> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean ended;
    private ApiException failure;
    /** onCompleted/onError sent, or the caller cancelled: nothing more goes out. */
    private boolean finished;
    private Closeable stream;

    /**
     * Must be made while the gRPC method runs: gRPC accepts its handlers only then.
     *
     * @param translate the error to send for one the runtime ends the stream with
     */
    LogForwarder(ServerCallStreamObserver<LogChunk> out, Function<Throwable, ApiException> translate) {
        this.out = out;
        this.translate = translate;
        out.setOnReadyHandler(this::onReady);
        out.setOnCancelHandler(this::onCancel);
    }

    /** The runtime's stream to close if the caller cancels (at once if it already has). */
    void attach(Closeable runtimeStream) {
        boolean closeNow;
        synchronized (this) {
            stream = runtimeStream;
            closeNow = finished;
        }
        if (closeNow) {
            close(runtimeStream);
        }
    }

    /** Ends the call with {@code e} (after what is queued), e.g. a refusal before streaming. */
    synchronized void fail(ApiException e) {
        if (!ended) {
            ended = true;
            failure = e;
            drain();
        }
    }

    @Override
    public synchronized void chunk(byte[] data) {
        if (finished || ended) {
            return;
        }
        queue.add(ByteString.copyFrom(data));
        queuedBytes += data.length;
        drain();
        try {
            while (queuedBytes > HIGH_WATER_BYTES && !finished) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the runtime is stopping its reader: let it
        }
    }

    @Override
    public synchronized void end(Throwable error) {
        if (!ended) {
            ended = true;
            failure = error == null ? null : translate.apply(error);
            drain();
        }
    }

    private synchronized void onReady() {
        drain();
    }

    private void onCancel() {
        Closeable toClose;
        synchronized (this) {
            finished = true;
            queue.clear();
            queuedBytes = 0;
            notifyAll();
            toClose = stream;
        }
        if (toClose != null) {
            close(toClose);
        }
    }

    /** Sends what the call can take now; once all is sent after the end, ends the call. */
    private void drain() {
        while (!finished && !queue.isEmpty() && out.isReady()) {
            ByteString data = queue.poll();
            while (!queue.isEmpty() && data.size() + queue.peek().size() <= MAX_MESSAGE_BYTES) {
                data = data.concat(queue.poll());
            }
            queuedBytes -= data.size();
            out.onNext(LogChunk.newBuilder().setData(data).build());
        }
        if (queuedBytes <= HIGH_WATER_BYTES) {
            notifyAll();
        }
        if (!finished && ended && queue.isEmpty()) {
            finished = true;
            if (failure == null) {
                out.onCompleted();
            } else {
                out.onError(WireErrors.toStatus(failure));
            }
        }
    }

    private static void close(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // the stream is being abandoned; nothing is left to tell anyone
        }
    }
}
