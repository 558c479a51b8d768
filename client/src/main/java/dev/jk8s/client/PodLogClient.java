package dev.jk8s.client;

import dev.jk8s.api.ApiException;
import dev.jk8s.proto.ApiGrpc;
import dev.jk8s.proto.LogChunk;
import dev.jk8s.proto.LogsRequest;
import io.grpc.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * Reads containers' logs through the apiserver, which relays them from the pod's kubelet.
 * Thread-safe. Calls have no deadline (a followed log has no end); a reader stops one by
 * interrupting its thread or by failing to write.
 */
public final class PodLogClient {

    private final ApiGrpc.ApiBlockingStub blocking;
    private final CallErrors errors;

    PodLogClient(ApiGrpc.ApiBlockingStub blocking, CallErrors errors) {
        this.blocking = blocking;
        this.errors = errors;
    }

    /**
     * Copies the log to {@code out} as it arrives and returns when the stream ends.
     *
     * @throws ApiException      when the pod, container or node is not there, or the kubelet fails
     * @throws UncheckedIOException when writing to {@code out} fails; the stream is cancelled
     */
    public void copy(String namespace, String pod, LogOptions options, OutputStream out) {
        try (Context.CancellableContext ctx = Context.current().withCancellation()) {
            ctx.run(() -> drain(blocking.logs(request(namespace, pod, options)), out));
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    private static void drain(Iterator<LogChunk> chunks, OutputStream out) {
        try {
            while (chunks.hasNext()) {
                chunks.next().getData().writeTo(out);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LogsRequest request(String namespace, String pod, LogOptions o) {
        LogsRequest.Builder b = LogsRequest.newBuilder().setNamespace(namespace).setPod(pod)
                .setFollow(o.follow()).setPrevious(o.previous());
        if (o.container() != null) {
            b.setContainer(o.container());
        }
        if (o.tailLines() != null) {
            b.setHasTailLines(true).setTailLines(o.tailLines());
        }
        return b.build();
    }
}
