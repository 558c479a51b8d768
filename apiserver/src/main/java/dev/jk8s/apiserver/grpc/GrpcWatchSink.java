package dev.jk8s.apiserver.grpc;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.wire.WireErrors;
import dev.jk8s.apiserver.watch.WatchSink;
import dev.jk8s.proto.WatchBatch;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.atomic.AtomicReference;

/** A watch's gRPC server stream, with the transport's readiness as flow control. */
final class GrpcWatchSink implements WatchSink {

    private final ServerCallStreamObserver<WatchBatch> out;
    private final AtomicReference<Runnable> onReady = new AtomicReference<>();
    private final AtomicReference<Runnable> onCancel = new AtomicReference<>();
    private volatile boolean cancelled;

    GrpcWatchSink(ServerCallStreamObserver<WatchBatch> out) {
        this.out = out;
        out.setOnCancelHandler(() -> {
            cancelled = true;
            runOnce(onCancel);
        });
        out.setOnReadyHandler(() -> runOnce(onReady));
    }

    @Override
    public void send(WatchBatch batch) {
        out.onNext(batch);
    }

    @Override
    public void close(ApiException error) {
        if (cancelled) {
            return;
        }
        if (error == null) {
            out.onCompleted();
        } else {
            out.onError(WireErrors.toStatus(error));
        }
    }

    @Override
    public boolean isReady() {
        return out.isReady();
    }

    @Override
    public void onReady(Runnable task) {
        onReady.set(task);
        if (out.isReady()) {
            runOnce(onReady); // it may have become ready before the task was set
        }
    }

    @Override
    public void onCancel(Runnable task) {
        onCancel.set(task);
        if (cancelled) {
            runOnce(onCancel);
        }
    }

    private static void runOnce(AtomicReference<Runnable> slot) {
        Runnable r = slot.getAndSet(null);
        if (r != null) {
            r.run();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled || out.isCancelled();
    }
}
