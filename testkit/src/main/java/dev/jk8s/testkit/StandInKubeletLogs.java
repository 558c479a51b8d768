package dev.jk8s.testkit;

import com.google.protobuf.ByteString;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.wire.WireErrors;
import dev.jk8s.proto.ContainerLogsRequest;
import dev.jk8s.proto.KubeletGrpc;
import dev.jk8s.proto.LogChunk;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A kubelet's log endpoint for tests of the path through the apiserver: answers every request
 * with the line {@code log of NS/POD/CONTAINER}, {@code repeat} times, or fails with {@code fail},
 * or (with {@code follow}) sends one line and keeps the stream open until the caller cancels.
 * Records every request. Serve it with any gRPC server on 127.0.0.1.
 */
public final class StandInKubeletLogs extends KubeletGrpc.KubeletImplBase {
    public final List<ContainerLogsRequest> requests = new CopyOnWriteArrayList<>();
    public final CountDownLatch streaming = new CountDownLatch(1);
    public final CountDownLatch cancelled = new CountDownLatch(1);
    public volatile int repeat = 1;
    public volatile boolean follow;
    public volatile ApiException fail;

    @Override
    public void containerLogs(ContainerLogsRequest req, StreamObserver<LogChunk> out) {
        requests.add(req);
        if (fail != null) {
            out.onError(WireErrors.toStatus(fail));
            return;
        }
        LogChunk line = LogChunk.newBuilder().setData(ByteString.copyFromUtf8(
                "log of " + req.getNamespace() + "/" + req.getPod() + "/" + req.getContainer() + "\n")).build();
        if (follow) {
            ServerCallStreamObserver<LogChunk> call = (ServerCallStreamObserver<LogChunk>) out;
            call.setOnCancelHandler(cancelled::countDown);
            out.onNext(line);
            streaming.countDown();
            return; // a followed log stays open until the reader goes away
        }
        for (int i = 0; i < repeat; i++) {
            out.onNext(line);
        }
        out.onCompleted();
    }
}
