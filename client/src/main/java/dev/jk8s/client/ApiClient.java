package dev.jk8s.client;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.proto.ApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A connection to the apiserver, and the typed clients over it. One per process is enough:
 * the channel multiplexes every call and watch. Thread-safe; close it when done.
 */
public final class ApiClient implements AutoCloseable {

    /** Default deadline of one unary call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final ManagedChannel channel;
    private final String target;
    private final Duration timeout;

    private ApiClient(ManagedChannel channel, String target, Duration timeout) {
        this.channel = channel;
        this.target = target;
        this.timeout = timeout;
    }

    /** Connects (lazily) to {@code host:port}. */
    public static ApiClient connect(String target) {
        return connect(target, DEFAULT_TIMEOUT);
    }

    public static ApiClient connect(String target, Duration timeout) {
        ManagedChannel channel = NettyChannelBuilder.forTarget(target)
                .usePlaintext()
                .maxInboundMessageSize(16 * 1024 * 1024)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .build();
        return new ApiClient(channel, target, timeout);
    }

    /** The client of one kind. Cheap; make as many as convenient. */
    public <T extends ApiObject> ResourceClient<T> resource(Kind<T> kind) {
        return new ResourceClient<>(kind, ApiGrpc.newBlockingStub(channel), ApiGrpc.newStub(channel), timeout, target);
    }

    /** host:port this client talks to. */
    public String target() {
        return target;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
