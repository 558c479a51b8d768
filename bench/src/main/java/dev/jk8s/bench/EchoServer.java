package dev.jk8s.bench;

import dev.jk8s.proto.ApiGrpc;
import dev.jk8s.proto.ObjectReply;
import dev.jk8s.proto.WriteRequest;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The apiserver's gRPC service with no apiserver behind it: a create is answered with the object
 * it carried. Measures the cost of the client library plus one gRPC round trip, the floor under
 * any call through the apiserver.
 */
final class EchoServer implements AutoCloseable {

    private final Server server;

    EchoServer() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ApiGrpc.ApiImplBase() {
                    @Override
                    public void create(WriteRequest req, StreamObserver<ObjectReply> out) {
                        out.onNext(ObjectReply.newBuilder().setObject(req.getObject()).build());
                        out.onCompleted();
                    }
                })
                .build()
                .start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
