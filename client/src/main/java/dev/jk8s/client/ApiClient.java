package dev.jk8s.client;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.proto.ApiGrpc;
import dev.jk8s.proto.VersionReply;
import dev.jk8s.proto.VersionRequest;
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
    public static final Duration DEFAULT_TIMEOUT = ConnectOptions.DEFAULT.timeout();

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
        return connect(target, ConnectOptions.DEFAULT.withTimeout(timeout));
    }

    public static ApiClient connect(String target, ConnectOptions options) {
        NettyChannelBuilder b = NettyChannelBuilder.forTarget(target)
                .usePlaintext()
                .maxInboundMessageSize(16 * 1024 * 1024)
                .keepAliveTime(30, TimeUnit.SECONDS);
        if (options.bearerToken() != null) {
            b.intercept(new BearerToken(options.bearerToken()));
        }
        return new ApiClient(b.build(), target, options.timeout());
    }

    /** The client of one kind. Cheap; make as many as convenient. */
    public <T extends ApiObject> ResourceClient<T> resource(Kind<T> kind) {
        return new ResourceClient<>(kind, ApiGrpc.newBlockingStub(channel), ApiGrpc.newStub(channel), timeout, target);
    }

    /** Container logs through the apiserver. */
    public PodLogClient logs() {
        return new PodLogClient(ApiGrpc.newBlockingStub(channel), target);
    }

    /** The apiserver's build. */
    public ServerVersion serverVersion() {
        try {
            VersionReply r = ApiGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .version(VersionRequest.getDefaultInstance());
            return new ServerVersion(r.getVersion(), r.getJavaVersion(), r.getPlatform());
        } catch (RuntimeException e) {
            throw CallErrors.translate(e, target);
        }
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
