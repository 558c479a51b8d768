package dev.jk8s.kubelet.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jk8s.api.IntOrString;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerPort;
import dev.jk8s.api.core.ExecAction;
import dev.jk8s.api.core.HttpGetAction;
import dev.jk8s.api.core.Probe;
import dev.jk8s.api.core.TcpSocketAction;
import dev.jk8s.kubelet.probe.ProbeResult.Status;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.ExecResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class ProberTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final String POD_IP = "127.0.0.1";

    private final AtomicReference<ExecResult> execAnswer = new AtomicReference<>(new ExecResult(0, ""));
    private final ExecOnlyRuntime runtime = new ExecOnlyRuntime((id, command, timeout) -> execAnswer.get());
    private final Prober prober = new Prober(runtime);
    private final ConcurrentHashMap<String, String> lastRequest = new ConcurrentHashMap<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            lastRequest.put("path", exchange.getRequestURI().toString());
            lastRequest.put("x-probe", String.valueOf(exchange.getRequestHeaders().getFirst("X-Probe")));
            lastRequest.put("user-agent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
            String path = exchange.getRequestURI().getPath();
            int status = path.matches("/\\d{3}") ? Integer.parseInt(path.substring(1)) : 200;
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("200 is healthy", 200, Status.SUCCESS, "HTTP probe succeeded with statuscode: 200"),
                Arguments.of("204 is healthy", 204, Status.SUCCESS, "HTTP probe succeeded with statuscode: 204"),
                Arguments.of("302 is healthy and not followed", 302, Status.SUCCESS,
                        "HTTP probe succeeded with statuscode: 302"),
                Arguments.of("404 is not", 404, Status.FAILURE, "HTTP probe failed with statuscode: 404"),
                Arguments.of("500 is not", 500, Status.FAILURE, "HTTP probe failed with statuscode: 500"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void httpGetJudgesByStatus(String name, int status, Status expected, String message) {
        ProbeResult r = run(httpGet("/" + status, IntOrString.of(port()), List.of()));

        assertThat(r).isEqualTo(new ProbeResult(expected, message));
    }

    @Test
    void httpGetDefaultsThePathAndSendsTheHeaders() {
        HttpGetAction get = new HttpGetAction(null, IntOrString.of(port()), null, null,
                List.of(new HttpGetAction.HttpHeader("X-Probe", "yes"), new HttpGetAction.HttpHeader("Host", "web")));

        assertThat(run(probe(get)).status()).isEqualTo(Status.SUCCESS);
        assertThat(lastRequest).containsEntry("path", "/").containsEntry("x-probe", "yes")
                .containsEntry("user-agent", "jk8s-probe/0.1");
    }

    @Test
    void httpGetFindsANamedPort() {
        assertThat(run(httpGet("/healthz?full=1", IntOrString.of("http"), List.of())).status())
                .isEqualTo(Status.SUCCESS);
        assertThat(lastRequest).containsEntry("path", "/healthz?full=1");
    }

    @Test
    void aRefusedConnectionIsAFailure() throws IOException {
        int closed = closedPort();

        assertThat(run(httpGet("/", IntOrString.of(closed), List.of())))
                .isEqualTo(ProbeResult.failure("GET http://127.0.0.1:" + closed + "/: could not connect"));
    }

    @Test
    void anUnknownPortNameIsNoVerdict() {
        assertThat(run(httpGet("/", IntOrString.of("grpc"), List.of()))).isEqualTo(ProbeResult.unknown(
                "container \"web\" has no port named \"grpc\"; name one of spec.containers[].ports or give a number"));
    }

    @Test
    void tcpSocketSucceedsWhenTheConnectionIsAccepted() throws IOException {
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run(tcp(open.getLocalPort())).status()).isEqualTo(Status.SUCCESS);
        }
    }

    @Test
    void tcpSocketFailsWhenRefused() throws IOException {
        int closed = closedPort();

        assertThat(run(tcp(closed)))
                .isEqualTo(ProbeResult.failure("tcp connect to 127.0.0.1:" + closed + ": Connection refused"));
    }

    static Stream<Arguments> execs() {
        return Stream.of(
                Arguments.of("exit 0", new ExecResult(0, "ok\n"), ProbeResult.success("ok")),
                Arguments.of("exit 1 with output", new ExecResult(1, "cat: /tmp/healthy: No such file\n"),
                        ProbeResult.failure("command \"cat /tmp/healthy\" exited with code 1: cat: /tmp/healthy: No such file")),
                Arguments.of("exit 2 without output", new ExecResult(2, ""),
                        ProbeResult.failure("command \"cat /tmp/healthy\" exited with code 2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("execs")
    void execJudgesByExitCode(String name, ExecResult answer, ProbeResult expected) {
        execAnswer.set(answer);

        assertThat(run(exec())).isEqualTo(expected);
    }

    @Test
    void execTimeoutIsAFailure() {
        runtime.answer((id, command, timeout) -> {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
                    "exec in " + id + " did not finish within " + timeout.toSeconds() + "s");
        });

        assertThat(run(exec())).isEqualTo(ProbeResult.failure(
                "command \"cat /tmp/healthy\" failed: exec in c1 did not finish within 1s"));
    }

    @Test
    void execInAVanishedContainerIsNoVerdict() {
        runtime.answer((id, command, timeout) -> {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.NOT_FOUND, "no such container: " + id);
        });

        assertThat(run(exec())).isEqualTo(ProbeResult.unknown(
                "command \"cat /tmp/healthy\" could not run: no such container: c1"));
    }

    @Test
    void describedForEvents() {
        assertThat(ProbeResult.failure("HTTP probe failed with statuscode: 500").describe(ProbeType.LIVENESS))
                .isEqualTo("Liveness probe failed: HTTP probe failed with statuscode: 500");
        assertThat(ProbeResult.unknown("no port").describe(ProbeType.READINESS))
                .isEqualTo("Readiness probe errored: no port");
    }

    private ProbeResult run(Probe probe) {
        Container web = Container.builder().name("web").image("nginx")
                .ports(List.of(new ContainerPort("http", null, port(), "TCP", null))).build();
        return prober.run(probe, TIMEOUT, POD_IP, new RunningContainer("web", "c1", Instant.now(), web));
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Probe httpGet(String path, IntOrString port, List<HttpGetAction.HttpHeader> headers) {
        return probe(new HttpGetAction(path, port, null, "HTTP", headers));
    }

    private static Probe probe(HttpGetAction get) {
        return new Probe(null, get, null, null, null, null, null, null, null);
    }

    private static Probe tcp(int port) {
        return new Probe(null, null, new TcpSocketAction(IntOrString.of(port), null), null, null, null, null, null, null);
    }

    private static Probe exec() {
        return new Probe(new ExecAction(List.of("cat", "/tmp/healthy")), null, null, null, null, null, null, null, null);
    }
}
