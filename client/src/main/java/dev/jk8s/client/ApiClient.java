package dev.jk8s.client;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.proto.AccessReviewReply;
import dev.jk8s.proto.AccessReviewRequest;
import dev.jk8s.proto.ApiGrpc;
import dev.jk8s.proto.NodeCredentialRequest;
import dev.jk8s.proto.VersionReply;
import dev.jk8s.proto.VersionRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A connection to the apiserver, and the typed clients over it. One per process is enough:
 * the channel multiplexes every call and watch. Thread-safe; close it when done.
 *
 * <p>Each client has its own event loop (one thread: a channel is served by one event loop
 * anyway) and {@link #close()} ends it. That matters for short processes: the JVM's exit waits
 * up to 300 ms for threads that are in native code, which an idle event loop always is (in
 * {@code epoll_wait}); gRPC's shared event loop outlives the channel by a second.
 */
public final class ApiClient implements AutoCloseable {

    /** Default deadline of one unary call. */
    public static final Duration DEFAULT_TIMEOUT = ConnectOptions.DEFAULT.timeout();

    private final ManagedChannel channel;
    private final EventLoopGroup eventLoop;
    private final String target;
    private final Duration timeout;
    private final CallErrors errors;

    private ApiClient(ManagedChannel channel, EventLoopGroup eventLoop, String target, ConnectOptions options) {
        this.channel = channel;
        this.eventLoop = eventLoop;
        this.target = target;
        this.timeout = options.timeout();
        this.errors = new CallErrors(target, options.certificateAuthority());
    }

    /** Connects (lazily) to {@code host:port}. */
    public static ApiClient connect(String target) {
        return connect(target, DEFAULT_TIMEOUT);
    }

    public static ApiClient connect(String target, Duration timeout) {
        return connect(target, ConnectOptions.DEFAULT.withTimeout(timeout));
    }

    /**
     * Connects (lazily) as {@code options} say: with a certificate authority over TLS, else in plaintext.
     *
     * @throws IllegalArgumentException when the certificate authority's file cannot be read or used
     */
    public static ApiClient connect(String target, ConnectOptions options) {
        SslContext tls = options.certificateAuthority() == null ? null : Tls.client(options.certificateAuthority());
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup eventLoop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jk8s-client", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        NettyChannelBuilder b = NettyChannelBuilder.forTarget(target)
                .eventLoopGroup(eventLoop)
                .channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .maxInboundMessageSize(16 * 1024 * 1024)
                .keepAliveTime(30, TimeUnit.SECONDS);
        if (tls != null) {
            b.sslContext(tls);
        } else {
            b.usePlaintext();
        }
        if (options.bearerToken() != null) {
            b.intercept(new BearerToken(options.bearerToken()));
        }
        return new ApiClient(b.build(), eventLoop, target, options);
    }

    /** The client of one kind. Cheap; make as many as convenient. */
    public <T extends ApiObject> ResourceClient<T> resource(Kind<T> kind) {
        return new ResourceClient<>(kind, ApiGrpc.newBlockingStub(channel), ApiGrpc.newStub(channel), timeout, errors);
    }

    /** Container logs through the apiserver. */
    public PodLogClient logs() {
        return new PodLogClient(ApiGrpc.newBlockingStub(channel), errors);
    }

    /** The apiserver's build. */
    public ServerVersion serverVersion() {
        try {
            VersionReply r = ApiGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .version(VersionRequest.getDefaultInstance());
            return new ServerVersion(r.getVersion(), r.getJavaVersion(), r.getPlatform());
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    /** Asks the apiserver whether a request would be allowed ({@code jctl auth can-i}). */
    public AccessCheck.Answer reviewAccess(AccessCheck check) {
        AccessReviewRequest.Builder req = AccessReviewRequest.newBuilder().setVerb(check.verb()).setResource(check.resource())
                .setSubresource(check.subresource()).addAllGroups(check.groups());
        if (check.namespace() != null) {
            req.setNamespace(check.namespace());
        }
        if (check.name() != null) {
            req.setName(check.name());
        }
        if (check.user() != null) {
            req.setUser(check.user());
        }
        try {
            AccessReviewReply r = ApiGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .accessReview(req.build());
            return new AccessCheck.Answer(r.getAllowed(), r.getReason(), r.getUser());
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    /**
     * A new credential of node {@code nodeName}, for a caller authenticated with a bootstrap token;
     * the token is returned once (the apiserver keeps only its hash).
     */
    public String issueNodeCredential(String nodeName) {
        try {
            return ApiGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .issueNodeCredential(NodeCredentialRequest.newBuilder().setNodeName(nodeName).build()).getToken();
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    /** host:port this client talks to. */
    public String target() {
        return target;
    }

    /** Ends every call and watch, then the event loop; returns when both are done (at most ~10 s). */
    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
            eventLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
