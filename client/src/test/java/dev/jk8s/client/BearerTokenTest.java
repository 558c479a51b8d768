package dev.jk8s.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.proto.ApiGrpc;
import dev.jk8s.proto.VersionReply;
import dev.jk8s.proto.VersionRequest;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The token of {@link ConnectOptions} reaches the server on every call, and only when set. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BearerTokenTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private Server server;

    @BeforeEach
    void start() throws Exception {
        ServerInterceptor recorder = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                seen.add(String.valueOf(headers.get(BearerToken.AUTHORIZATION)));
                return next.startCall(call, headers);
            }
        };
        ApiGrpc.ApiImplBase api = new ApiGrpc.ApiImplBase() {
            @Override
            public void version(VersionRequest req, StreamObserver<VersionReply> out) {
                out.onNext(VersionReply.newBuilder().setVersion("1.2.3").build());
                out.onCompleted();
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(api, recorder)).build().start();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    @Test
    void theTokenIsSentAsABearerHeader() {
        try (ApiClient client = ApiClient.connect("127.0.0.1:" + server.getPort(), ConnectOptions.DEFAULT.withBearerToken("s3cret"))) {
            assertThat(client.serverVersion().version()).isEqualTo("1.2.3");
            client.serverVersion();
        }
        try (ApiClient client = ApiClient.connect("127.0.0.1:" + server.getPort(), ConnectOptions.DEFAULT)) {
            client.serverVersion();
        }
        assertThat(seen).containsExactly("Bearer s3cret", "Bearer s3cret", "null");
    }

    @Test
    void optionsNeverPrintTheToken() {
        assertThat(ConnectOptions.DEFAULT.withBearerToken("s3cret").toString()).doesNotContain("s3cret");
    }
}
