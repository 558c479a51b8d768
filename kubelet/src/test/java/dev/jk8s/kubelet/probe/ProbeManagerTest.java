package dev.jk8s.kubelet.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.jk8s.api.IntOrString;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ExecAction;
import dev.jk8s.api.core.HttpGetAction;
import dev.jk8s.api.core.Probe;
import dev.jk8s.api.core.TcpSocketAction;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.ExecResult;
import dev.jk8s.kubelet.runtime.PodRef;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The manager with real threads, a real HTTP server and sockets on loopback; one "second" lasts 20 ms. */
@Timeout(60)
class ProbeManagerTest {

    private static final Duration TICK = Duration.ofMillis(20);
    private static final PodRef POD = new PodRef("default", "web-1", "uid-1");
    private static final String POD_IP = "127.0.0.1";

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService probeThreads = Executors.newFixedThreadPool(2);
    private final List<PodRef> notified = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> execs = new ConcurrentHashMap<>();
    private final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
    private final ExecOnlyRuntime runtime = new ExecOnlyRuntime(this::exec);
    private final ProbeManager manager = new ProbeManager(runtime, scheduler, probeThreads, Clock.systemUTC(),
            notified::add, TICK);
    private final AtomicInteger httpStatus = new AtomicInteger(200);
    private final AtomicInteger httpHits = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            httpHits.incrementAndGet();
            exchange.sendResponseHeaders(httpStatus.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        manager.close();
        scheduler.shutdownNow();
        probeThreads.shutdownNow();
        server.stop(0);
    }

    @Test
    void readinessTurnsOnAfterSuccessThresholdAndOffAfterFailureThreshold() {
        Probe ready = timed(httpGet(server.getAddress().getPort()), 3, 2);
        manager.sync(POD, POD_IP, List.of(running("c1", container(null, ready, null))));

        assertThat(manager.ready("c1")).as("not ready until proven").isFalse();
        waitUntil().until(() -> manager.ready("c1"));
        assertThat(httpHits).hasValueGreaterThanOrEqualTo(3);
        // the listener hears of a change just after readers can see it
        waitUntil().until(() -> notified.equals(List.of(POD)));

        httpStatus.set(500);
        waitUntil().until(() -> !manager.ready("c1"));
        assertThat(manager.lastFailure("c1", ProbeType.READINESS))
                .hasValue("Readiness probe failed: HTTP probe failed with statuscode: 500");
        int hits = httpHits.get();
        steadily().until(() -> notified.size() == 2);
        assertThat(httpHits).as("readiness is still probed after it failed").hasValueGreaterThan(hits);
    }

    @Test
    void tcpReadinessFollowsTheListeningSocket() throws IOException {
        ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = listening.getLocalPort();
        manager.sync(POD, POD_IP, List.of(running("c1", container(null, timed(tcp(port), 1, 1), null))));

        waitUntil().until(() -> manager.ready("c1"));
        listening.close();

        waitUntil().until(() -> !manager.ready("c1"));
        assertThat(manager.lastFailure("c1", ProbeType.READINESS))
                .hasValue("Readiness probe failed: tcp connect to 127.0.0.1:" + port + ": Connection refused");
    }

    @Test
    void livenessFailsAtFailureThresholdAndIsNoLongerProbed() {
        exitCodes.put("alive", 1);
        manager.sync(POD, POD_IP, List.of(running("c1", container(timed(exec("alive"), 1, 3), null, null))));

        assertThat(manager.livenessFailed("c1")).as("alive until proven otherwise").isFalse();
        waitUntil().until(() -> manager.livenessFailed("c1"));

        assertThat(runs("c1", "alive")).isEqualTo(3);
        assertThat(manager.lastFailure("c1", ProbeType.LIVENESS))
                .hasValue("Liveness probe failed: command \"alive\" exited with code 1");
        steadily().until(() -> runs("c1", "alive") == 3 && notified.size() == 1);
        assertThat(manager.ready("c1")).as("no readiness probe").isTrue();
    }

    @Test
    void anExecTimeoutCountsAsAFailure() {
        CountDownLatch never = new CountDownLatch(1);
        runtime.answer((id, command, timeout) -> {
            // a command that hangs: the runtime gives up after the probe's timeout
            awaitQuietly(never, timeout);
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
                    "exec did not finish within " + timeout.toSeconds() + "s");
        });
        Probe liveness = timed(exec("hang"), 1, 1);
        manager.sync(POD, POD_IP, List.of(running("c1", container(liveness, null, null))));

        waitUntil().until(() -> manager.livenessFailed("c1"));

        assertThat(manager.lastFailure("c1", ProbeType.LIVENESS))
                .hasValue("Liveness probe failed: command \"hang\" failed: exec did not finish within 1s");
    }

    @Test
    void containersNoLongerListedStopBeingProbed() {
        Container spec = container(null, timed(exec("ready"), 1, 1), null);
        manager.sync(POD, POD_IP, List.of(running("c1", spec)));
        waitUntil().until(() -> runs("c1", "ready") >= 2);

        manager.sync(POD, POD_IP, List.of(running("c2", spec)));
        waitUntil().until(() -> runs("c2", "ready") >= 2);
        int c1Runs = runs("c1", "ready");
        steadily().until(() -> runs("c1", "ready") == c1Runs);

        manager.forget(POD);
        int c2Runs = runs("c2", "ready");
        steadily().until(() -> runs("c2", "ready") == c2Runs);
    }

    @Test
    void syncingAgainKeepsTheRunningWorkers() {
        Container spec = container(null, timed(exec("ready"), 1, 1), null);
        manager.sync(POD, POD_IP, List.of(running("c1", spec)));
        waitUntil().until(() -> manager.ready("c1"));

        manager.sync(POD, POD_IP, List.of(running("c1", spec)));

        assertThat(manager.ready("c1")).as("the result survives a re-sync").isTrue();
        steadily().until(() -> notified.equals(List.of(POD)));
    }

    @Test
    void startupHoldsBackLivenessAndReadinessUntilItSucceeds() {
        exitCodes.put("started", 1);
        Container spec = container(timed(exec("alive"), 1, 3), timed(exec("ready"), 1, 1), timed(exec("started"), 1, 1000));
        manager.sync(POD, POD_IP, List.of(running("c1", spec)));

        waitUntil().until(() -> runs("c1", "started") >= 3);
        assertThat(runs("c1", "alive") + runs("c1", "ready")).isZero();
        assertThat(manager.started("c1")).isFalse();
        assertThat(manager.ready("c1")).isFalse();

        exitCodes.put("started", 0);
        waitUntil().until(() -> manager.ready("c1") && runs("c1", "alive") > 0);
        assertThat(manager.started("c1")).isTrue();
        int startupRuns = runs("c1", "started");
        steadily().until(() -> runs("c1", "started") == startupRuns);
    }

    @Test
    void aStartupProbeThatFailsCountsAsFailedLiveness() {
        exitCodes.put("started", 1);
        manager.sync(POD, POD_IP, List.of(running("c1", container(null, null, timed(exec("started"), 1, 2)))));

        waitUntil().until(() -> manager.livenessFailed("c1"));

        assertThat(manager.lastFailure("c1", ProbeType.STARTUP))
                .hasValue("Startup probe failed: command \"started\" exited with code 1");
        assertThat(manager.ready("c1")).isFalse();
    }

    @Test
    void initialDelayHoldsTheFirstRun() {
        Probe delayed = timed(exec("ready"), 1, 1).withTiming(25, 1, 1, 1, 1);
        manager.sync(POD, POD_IP, List.of(running("c1", container(null, delayed, null))));

        // 25 ticks of 20 ms: nothing in the first 300 ms, then it runs
        steadily().until(() -> runs("c1", "ready") == 0);
        waitUntil().until(() -> manager.ready("c1"));
    }

    @Test
    void containersWithoutProbesAreReadyAndNeverNotify() {
        manager.sync(POD, POD_IP, List.of(running("c1", container(null, null, null))));

        assertThat(manager.ready("c1")).isTrue();
        assertThat(manager.started("c1")).isTrue();
        assertThat(manager.livenessFailed("c1")).isFalse();
        assertThat(manager.lastFailure("c1", ProbeType.READINESS)).isEmpty();
        assertThat(notified).isEmpty();
    }

    private ExecResult exec(String id, List<String> command, Duration timeout) {
        execs.computeIfAbsent(id + " " + command.get(0), k -> new AtomicInteger()).incrementAndGet();
        return new ExecResult(exitCodes.getOrDefault(command.get(0), 0), "");
    }

    private int runs(String containerId, String command) {
        AtomicInteger n = execs.get(containerId + " " + command);
        return n == null ? 0 : n.get();
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ConditionFactory waitUntil() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
    }

    /** A condition that holds for a while (a dozen periods) after it first holds. */
    private static ConditionFactory steadily() {
        return await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20));
    }

    private static RunningContainer running(String id, Container spec) {
        return new RunningContainer(spec.name(), id, Instant.now(), spec);
    }

    private static Container container(Probe liveness, Probe readiness, Probe startup) {
        return Container.builder().name("web").image("nginx")
                .livenessProbe(liveness).readinessProbe(readiness).startupProbe(startup).build();
    }

    private static Probe timed(Probe p, int successThreshold, int failureThreshold) {
        return p.withTiming(0, 1, 1, successThreshold, failureThreshold);
    }

    private static Probe exec(String command) {
        return new Probe(new ExecAction(List.of(command)), null, null, null, null, null, null, null, null);
    }

    private static Probe httpGet(int port) {
        return new Probe(null, new HttpGetAction("/ready", IntOrString.of(port), null, "HTTP", List.of()),
                null, null, null, null, null, null, null);
    }

    private static Probe tcp(int port) {
        return new Probe(null, null, new TcpSocketAction(IntOrString.of(port), null), null, null, null, null, null, null);
    }
}
