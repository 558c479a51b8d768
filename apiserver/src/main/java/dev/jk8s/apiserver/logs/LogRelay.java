package dev.jk8s.apiserver.logs;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.api.wire.WireErrors;
import dev.jk8s.proto.ContainerLogsRequest;
import dev.jk8s.proto.LogChunk;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Relays one log stream from a kubelet to the caller with flow control end to end: the next
 * chunk is requested from the kubelet only once the caller can take it, so a slow reader slows
 * the kubelet instead of filling the apiserver's memory. A caller that goes away cancels the
 * kubelet's stream. Errors the kubelet reports pass through unchanged; failing to reach it
 * becomes Unavailable naming the node and the endpoint.
 */
final class LogRelay implements ClientResponseObserver<ContainerLogsRequest, LogChunk> {

    private final ServerCallStreamObserver<LogChunk> downstream;
    private final String node;
    private final String endpoint;
    private final Consumer<ApiException> onEnd;
    private final AtomicBoolean wantsNext = new AtomicBoolean();
    private volatile ClientCallStreamObserver<ContainerLogsRequest> upstream;

    /** {@code onEnd} gets null after a complete stream, else the error sent to the caller. */
    LogRelay(ServerCallStreamObserver<LogChunk> downstream, String node, String endpoint, Consumer<ApiException> onEnd) {
        this.downstream = downstream;
        this.node = node;
        this.endpoint = endpoint;
        this.onEnd = onEnd;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ContainerLogsRequest> call) {
        upstream = call;
        call.disableAutoRequestWithInitial(1);
        downstream.setOnCancelHandler(() -> call.cancel("the caller cancelled the log stream", null));
        downstream.setOnReadyHandler(this::requestIfWanted);
    }

    @Override
    public void onNext(LogChunk chunk) {
        downstream.onNext(chunk);
        wantsNext.set(true);
        if (downstream.isReady()) {
            requestIfWanted();
        }
    }

    // Called from the kubelet call's thread and the caller's on-ready thread: only one requests.
    private void requestIfWanted() {
        if (wantsNext.compareAndSet(true, false)) {
            upstream.request(1);
        }
    }

    @Override
    public void onError(Throwable t) {
        ApiException e = WireErrors.carriesDetails(t) ? WireErrors.toApiException(t) : unreachable(t);
        if (!downstream.isCancelled()) {
            downstream.onError(WireErrors.toStatus(e));
        }
        onEnd.accept(e);
    }

    private ApiException unreachable(Throwable t) {
        ApiException e = WireErrors.toApiException(t);
        Reason reason = e.reason() == Reason.TIMEOUT ? Reason.TIMEOUT : Reason.UNAVAILABLE;
        return ApiException.of(reason, "cannot reach the kubelet of node " + node + " at " + endpoint + ": "
                + e.getMessage() + "; check that the node's kubelet is running");
    }

    @Override
    public void onCompleted() {
        downstream.onCompleted();
        onEnd.accept(null);
    }
}
