package dev.jk8s.kubelet.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.api.wire.WireErrors;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.LogRequest;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.proto.ContainerLogsRequest;
import dev.jk8s.proto.KubeletGrpc;
import dev.jk8s.proto.LogChunk;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The log service through its gRPC server on 127.0.0.1, over a tiny in-memory runtime. */
@Timeout(30)
class KubeletLogServiceTest {

    private static final PodRef WEB = new PodRef("default", "web", "uid-1");

    LogsRuntime runtime;
    KubeletServer server;
    ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        runtime = new LogsRuntime();
        server = KubeletServer.start("127.0.0.1", 0, "n1", runtime, null);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void streamsTheLatestInstancesLog() {
        runtime.add("n1", WEB, "app", 0, "first run\n");
        runtime.add("n1", WEB, "app", 1, "hello\nworld\n");

        assertThat(read(req("app"))).isEqualTo("hello\nworld\n");
        assertThat(runtime.requests).containsExactly(LogRequest.ALL);
    }

    @Test
    void previousAndTailReachTheRuntime() {
        runtime.add("n1", WEB, "app", 0, "one\ntwo\nthree\n");
        runtime.add("n1", WEB, "app", 1, "now\n");

        assertThat(read(req("app").toBuilder().setPrevious(true).setHasTailLines(true).setTailLines(2).build()))
                .isEqualTo("two\nthree\n");
        assertThat(runtime.requests).containsExactly(new LogRequest(false, 2));
    }

    @Test
    void aLogFarLargerThanTheBufferArrivesWholeAndInOrder() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            log.append("line ").append(i).append('\n'); // ~2.3 MiB, past the forwarder's 1 MiB high-water mark
        }
        runtime.add("n1", WEB, "app", 0, log.toString());

        assertThat(read(req("app"))).isEqualTo(log.toString());
    }

    @Test
    void aReaderThatStopsReadingHoldsTheRuntimeBackInsteadOfFillingMemory() {
        String line = "x".repeat(1023) + "\n";
        runtime.add("n1", WEB, "app", 0, line.repeat(16 * 1024)); // 16 MiB
        ClientResponseObserver<ContainerLogsRequest, LogChunk> stalled = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<ContainerLogsRequest> call) {
                call.disableAutoRequestWithInitial(1); // takes one message, then never asks for more
            }

            @Override
            public void onNext(LogChunk value) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
        KubeletGrpc.newStub(channel).containerLogs(req("app"), stalled);

        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.engine != null
                && runtime.engine.getState() == Thread.State.WAITING);
        assertThat(runtime.delivered.get()).isLessThan(8L << 20);
    }

    @Test
    void refusalsCarryTheApiErrorModel() {
        runtime.add("n1", WEB, "app", 0, "x\n");

        ApiException e = refusal(req("app").toBuilder().setPrevious(true).build());

        assertThat(e.reason()).isEqualTo(Reason.BAD_REQUEST);
        assertThat(e.getMessage()).isEqualTo("previous terminated container \"app\" in pod \"web\" not found");
        assertThat(refusal(req("app").toBuilder().setPodUid("uid-2").build()).getMessage())
                .isEqualTo("pods \"web\" not found on node n1");
    }

    @Test
    void aRuntimeThatCannotListIsUnavailable() {
        runtime.listFailure = new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
                "Cannot connect to the Docker daemon");

        ApiException e = refusal(req("app"));

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo(
                "the container runtime of node n1 did not list pod default/web: Cannot connect to the Docker daemon");
    }

    @Test
    void aContainerGoneBeforeItsLogIsReadIsNotFound() {
        runtime.add("n1", WEB, "app", 0, "x\n");
        runtime.logs.clear();

        ApiException e = refusal(req("app"));

        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(e.getMessage()).startsWith("the log of container \"app\" in pod \"web\" is gone");
    }

    @Test
    void aCallerThatCancelsClosesTheRuntimesStream() throws Exception {
        runtime.add("n1", WEB, "app", 0, "started\n");
        Context.CancellableContext ctx = Context.current().withCancellation();
        Iterator<LogChunk> chunks = ctx.call(() -> KubeletGrpc.newBlockingStub(channel)
                .containerLogs(req("app").toBuilder().setFollow(true).build()));

        assertThat(chunks.next().getData().toStringUtf8()).isEqualTo("started\n");
        assertThat(runtime.followed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runtime.closed.getCount()).isEqualTo(1);

        ctx.cancel(null);

        assertThat(runtime.closed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static ContainerLogsRequest req(String container) {
        return ContainerLogsRequest.newBuilder().setNamespace("default").setPod("web").setPodUid("uid-1")
                .setContainer(container).build();
    }

    private String read(ContainerLogsRequest req) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KubeletGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS).containerLogs(req)
                .forEachRemaining(c -> out.writeBytes(c.getData().toByteArray()));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private ApiException refusal(ContainerLogsRequest req) {
        java.util.concurrent.atomic.AtomicReference<ApiException> caught = new java.util.concurrent.atomic.AtomicReference<>();
        assertThatThrownBy(() -> read(req)).satisfies(t -> {
            assertThat(WireErrors.carriesDetails(t)).isTrue();
            caught.set(WireErrors.toApiException(t));
        });
        return caught.get();
    }
}
