package dev.jk8s.kubelet.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jk8s.api.IntOrString;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerPort;
import dev.jk8s.api.core.HttpGetAction;
import dev.jk8s.api.core.LifecycleHandler;
import dev.jk8s.api.core.TcpSocketAction;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.ExecResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each handler of a lifecycle hook, run once within a budget. */
@Timeout(30)
class HookHandlersTest {

    private static final Duration BUDGET = Duration.ofSeconds(10);

    private final AtomicReference<ExecResult> execAnswer = new AtomicReference<>(new ExecResult(0, ""));
    private final List<String> execs = new CopyOnWriteArrayList<>();
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private final ExecOnlyRuntime runtime = new ExecOnlyRuntime((id, command, timeout) -> {
        execs.add(id + " " + command + " within " + timeout);
        return execAnswer.get();
    });
    private final HookHandlers handlers = new HookHandlers(runtime, slept::add);
    private final Container spec = Container.builder().name("web").image("jk8s/http:1.0")
            .ports(List.of(new ContainerPort("http", null, 0, null, null))).build();
    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/broken") ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void anExecRunsInTheContainerWithTheBudgetAsItsTimeout() {
        assertThat(handlers.run(LifecycleHandler.exec("sh", "-c", "echo bye"), BUDGET, null, "c1", spec)).isEmpty();

        assertThat(execs).containsExactly("c1 [sh, -c, echo bye] within PT10S");
    }

    @Test
    void aFailedExecSaysWhichCommandAndCodeButNotItsOutput() {
        execAnswer.set(new ExecResult(3, "password=hunter2"));

        assertThat(handlers.run(LifecycleHandler.exec("drain", "--now"), BUDGET, null, "c1", spec))
                .hasValue("command \"drain --now\" exited with code 3");
    }

    @Test
    void anExecTheRuntimeCannotRunFails() {
        ExecOnlyRuntime failing = new ExecOnlyRuntime((id, command, timeout) -> {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED, "exec [drain] in container c1: timed out after 10s");
        });

        assertThat(new HookHandlers(failing, slept::add).run(LifecycleHandler.exec("drain"), BUDGET, null, "c1", spec))
                .hasValue("command \"drain\" failed: exec [drain] in container c1: timed out after 10s");
    }

    @Test
    void anHttpGetGoesToThePodOnANamedPort() {
        Container named = spec.toBuilder().ports(List.of(new ContainerPort("http", null, server.getAddress().getPort(), null, null))).build();

        assertThat(handlers.run(httpGet("/drain", IntOrString.of("http")), BUDGET, "127.0.0.1", "c1", named)).isEmpty();
        assertThat(paths).containsExactly("/drain");
    }

    @Test
    void anHttpGetAnsweredWithAnErrorFailsNamingTheAddress() {
        int port = server.getAddress().getPort();

        assertThat(handlers.run(httpGet("/broken", IntOrString.of(port)), BUDGET, "127.0.0.1", "c1", spec))
                .hasValue("GET http://127.0.0.1:" + port + "/broken: answered statuscode: 500");
    }

    @Test
    void anHttpGetToAnUnknownPortNameFails() {
        assertThat(handlers.run(httpGet("/", IntOrString.of("admin")), BUDGET, "127.0.0.1", "c1", spec))
                .hasValueSatisfying(m -> assertThat(m).contains("has no port named \"admin\""));
    }

    @Test
    void aSleepWaitsItsSecondsButNeverBeyondTheBudget() {
        assertThat(handlers.run(LifecycleHandler.sleep(2), BUDGET, null, "c1", spec)).isEmpty();
        assertThat(handlers.run(LifecycleHandler.sleep(60), BUDGET, null, "c1", spec)).isEmpty();

        assertThat(slept).containsExactly(Duration.ofSeconds(2), BUDGET);
        assertThat(execs).isEmpty();
    }

    @Test
    void aTcpSocketIsNoHandlerThisKubeletRuns() {
        LifecycleHandler tcp = new LifecycleHandler(null, null, new TcpSocketAction(IntOrString.of(80), null), null);

        assertThat(handlers.run(tcp, BUDGET, null, "c1", spec)).hasValueSatisfying(m -> assertThat(m).contains("set exec, httpGet or sleep"));
    }

    private static LifecycleHandler httpGet(String path, IntOrString port) {
        return new LifecycleHandler(null, new HttpGetAction(path, port, null, "HTTP", null), null, null);
    }
}
