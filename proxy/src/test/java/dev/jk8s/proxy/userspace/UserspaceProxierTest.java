package dev.jk8s.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.proxy.CommandRunner;
import dev.jk8s.proxy.ServicePortTarget;
import dev.jk8s.proxy.ServiceRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real sockets, loopback only: the proxy listens on 127.0.0.1, backends answer with their name. */
@Timeout(60)
class UserspaceProxierTest {

    static final String LOOPBACK = "127.0.0.1";
    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeCommands commands = new FakeCommands();
    final UserspaceProxier proxier = new UserspaceProxier(commands, new ServiceRange("10.96.0.0/12", commands), LOOPBACK);
    final List<AutoCloseable> closeAfter = new ArrayList<>();
    final int port = freePort();

    @AfterEach
    void tearDown() throws Exception {
        proxier.close();
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    @Test
    void roundRobinSpreadsConnectionsEvenly() throws Exception {
        proxier.sync(List.of(target(port, backend("a"), backend("b"), backend("c"))));

        Map<String, Integer> answeredBy = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            answeredBy.merge(name(exchange(port, null, "hi")), 1, Integer::sum);
        }

        assertThat(answeredBy).isEqualTo(Map.of("a", 10, "b", 10, "c", 10));
    }

    @Test
    void clientIpAffinityKeepsEachClientOnOneEndpoint() throws Exception {
        proxier.sync(List.of(affine(target(port, backend("a"), backend("b"), backend("c")))));

        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(name(exchange(port, "127.0.0.1", "hi")));
            second.add(name(exchange(port, "127.0.0.2", "hi")));
        }

        assertThat(first).containsOnly(first.get(0));
        assertThat(second).containsOnly(second.get(0)).doesNotContain(first.get(0));
    }

    @Test
    void aRemovedEndpointGetsNoNewConnectionsButItsOpenOnesGoOn() throws Exception {
        String a = backend("a");
        String b = backend("b");
        proxier.sync(List.of(target(port, a, b)));
        assertThat(name(exchange(port, null, "hi"))).isEqualTo("a");
        Socket open = connect(port, null); // round-robin: to b
        await().atMost(WAIT).until(() -> proxier.sync(List.of(target(port, a, b))).get("connections") == 1);

        proxier.sync(List.of(target(port, a)));

        for (int i = 0; i < 5; i++) {
            assertThat(name(exchange(port, null, "hi"))).isEqualTo("a");
        }
        assertThat(finish(open, "still here")).isEqualTo("b\nstill here");
    }

    @Test
    void aRemovedServiceStopsListeningAndOneWithoutEndpointsNeverListens() throws Exception {
        ServicePortTarget web = target(port, backend("a"));
        assertThat(proxier.sync(List.of(web))).containsEntry("listeners", 1);
        assertThat(name(exchange(port, null, "hi"))).isEqualTo("a");

        assertThat(proxier.sync(List.of())).containsEntry("listeners", 0);
        assertThatThrownBy(() -> exchange(port, null, "hi")).isInstanceOf(ConnectException.class);

        assertThat(proxier.sync(List.of(target(port)))).containsEntry("listeners", 0);
        assertThatThrownBy(() -> exchange(port, null, "hi")).isInstanceOf(ConnectException.class);
    }

    @Test
    void aRefusingEndpointIsSkipped() throws Exception {
        String dead = LOOPBACK + ":" + freePort();
        proxier.sync(List.of(target(port, dead, backend("a"))));

        for (int i = 0; i < 6; i++) {
            assertThat(name(exchange(port, null, "hi"))).isEqualTo("a");
        }
    }

    @Test
    void anEndpointThatDoesNotAnswerIsLeftAfterTheConnectTimeout() throws Exception {
        proxier.sync(List.of(target(port, unanswering(), backend("a"))));

        long start = System.nanoTime();
        assertThat(name(exchange(port, null, "hi"))).isEqualTo("a");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Connection.CONNECT_TIMEOUT);
    }

    @Test
    void theClientIsClosedWhenEveryEndpointRefuses() throws Exception {
        proxier.sync(List.of(target(port, LOOPBACK + ":" + freePort(), LOOPBACK + ":" + freePort())));

        assertThat(exchange(port, null, "hi")).isEmpty();
    }

    @Test
    void anEndpointStillAnswersAfterTheClientShutItsOutput() throws Exception {
        proxier.sync(List.of(target(port, backend("a"))));

        assertThat(new String(exchange(port, null, "ping"), StandardCharsets.UTF_8)).isEqualTo("a\nping");
    }

    @Test
    void aClientStillSendsAfterTheEndpointShutItsOutput() throws Exception {
        Backend greeter = new Backend("g", true);
        closeAfter.add(greeter);
        proxier.sync(List.of(target(port, greeter.endpoint())));

        try (Socket s = connect(port, null)) {
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("g\n"); // EOF seen
            s.getOutputStream().write("late".getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            assertThat(greeter.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("late");
        }
    }

    @Test
    void fourMebibytesGoBothWaysIntact() throws Exception {
        proxier.sync(List.of(target(port, backend("a"))));
        byte[] data = new byte[4 << 20];
        new Random(7).nextBytes(data);

        byte[] answer = exchange(port, null, data);

        assertThat(answer).hasSize(2 + data.length);
        assertThat(Arrays.equals(answer, 2, answer.length, data, 0, data.length)).isTrue();
    }

    @Test
    void aNodePortIsServedLikeTheClusterIp() throws Exception {
        int nodePort = freePort();
        ServicePortTarget web = new ServicePortTarget("default/web", "http", "tcp", LOOPBACK, port, nodePort, false,
                List.of(backend("a"), backend("b")));

        assertThat(proxier.sync(List.of(web))).containsEntry("listeners", 2);

        assertThat(List.of(name(exchange(nodePort, null, "hi")), name(exchange(port, null, "hi")))).containsExactly("a", "b");
    }

    @Test
    void openConnectionsAreCounted() throws Exception {
        List<ServicePortTarget> targets = List.of(target(port, backend("a")));
        proxier.sync(targets);

        Socket open = connect(port, null);
        await().atMost(WAIT).until(() -> proxier.sync(targets).get("connections") == 1);
        open.close();
        await().atMost(WAIT).until(() -> proxier.sync(targets).get("connections") == 0);
    }

    @Test
    void anAddressThatCannotBeBoundIsCountedAndTheOthersAreServed() throws Exception {
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        closeAfter.add(taken);
        ServicePortTarget blocked = new ServicePortTarget("default/blocked", "", "tcp", LOOPBACK, taken.getLocalPort(), 0,
                false, List.of(backend("x")));

        Map<String, Integer> counts = proxier.sync(List.of(blocked, target(port, backend("a"))));

        assertThat(counts).containsEntry("listeners", 1).containsEntry("bind_failures", 1);
        assertThat(name(exchange(port, null, "hi"))).isEqualTo("a");
    }

    @Test
    void udpIsNotServed() throws Exception {
        ServicePortTarget dns = new ServicePortTarget("kube-system/dns", "dns", "udp", LOOPBACK, port, 0, false,
                List.of(LOOPBACK + ":5353"));

        assertThat(proxier.sync(List.of(dns))).containsEntry("listeners", 0);
    }

    @Test
    void secureAsRootMakesTheRangeLocal() throws Exception {
        commands.answers.put("id -u", "0\n");

        proxier.secure();

        assertThat(commands.ran).containsExactly("id -u", "ip route replace local 10.96.0.0/12 dev lo table local");
    }

    @Test
    void secureNotAsRootChecksTheRangeIsLocal() throws Exception {
        commands.answers.put("ip route get", "local 10.96.0.1 dev lo table local src 10.96.0.1 uid 1000\n");

        proxier.secure();

        assertThat(commands.ran).containsExactly("id -u", "ip route get 10.96.0.1");
    }

    @Test
    void secureNotAsRootSaysWhatRootMustRunWhenTheRangeIsNotLocal() {
        commands.answers.put("ip route get", "10.96.0.1 via 192.168.1.1 dev eth0 src 192.168.1.5 uid 1000\n");

        assertThatThrownBy(proxier::secure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("10.96.0.0/12 is not local")
                .hasMessageContaining("run once as root: ip route add local 10.96.0.0/12 dev lo table local");
    }

    @Test
    void cleanupClosesListenersAndRemovesTheRouteAndCanBeRepeated() throws Exception {
        commands.answers.put("id -u", "0\n");
        commands.answers.put("ip route show", "local 10.96.0.0/12 dev lo scope host\n");
        ServicePortTarget web = target(port, backend("a"));
        proxier.sync(List.of(web));

        proxier.cleanup();
        assertThatThrownBy(() -> exchange(port, null, "hi")).isInstanceOf(ConnectException.class);
        assertThat(commands.ran).contains("ip route del local 10.96.0.0/12 dev lo table local");

        commands.answers.put("ip route show", "");
        commands.ran.clear();
        proxier.cleanup();
        assertThat(commands.ran).containsExactly("ip route show table local exact 10.96.0.0/12");

        proxier.sync(List.of(web)); // serving again after a cleanup
        assertThat(name(exchange(port, null, "hi"))).isEqualTo("a");
    }

    // --- fixtures

    static ServicePortTarget target(int port, String... endpoints) {
        return new ServicePortTarget("default/web", "http", "tcp", LOOPBACK, port, 0, false, List.of(endpoints));
    }

    static ServicePortTarget affine(ServicePortTarget t) {
        return new ServicePortTarget(t.service(), t.portName(), t.protocol(), t.clusterIp(), t.port(), t.nodePort(), true,
                t.endpoints());
    }

    String backend(String name) throws IOException {
        Backend b = new Backend(name, false);
        closeAfter.add(b);
        return b.endpoint();
    }

    static Socket connect(int port, String from) throws IOException {
        Socket s = new Socket();
        if (from != null) {
            s.bind(new InetSocketAddress(from, 0));
        }
        s.connect(new InetSocketAddress(LOOPBACK, port), (int) WAIT.toMillis());
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    /** Sends {@code body} through the proxy, shuts output, and returns the whole answer. */
    static byte[] exchange(int port, String from, Object body) throws IOException {
        try (Socket s = connect(port, from)) {
            s.getOutputStream().write(body instanceof String t ? t.getBytes(StandardCharsets.UTF_8) : (byte[]) body);
            s.shutdownOutput();
            return s.getInputStream().readAllBytes();
        }
    }

    static String finish(Socket s, String body) throws IOException {
        try (s) {
            s.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String name(byte[] answer) {
        String s = new String(answer, StandardCharsets.UTF_8);
        return s.substring(0, s.indexOf('\n'));
    }

    /** An endpoint whose accept queue is full, so that Linux drops further SYNs: a connect to it hangs. */
    String unanswering() throws IOException {
        ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        closeAfter.add(full);
        for (boolean answered = true; answered; ) {
            Socket s = new Socket();
            closeAfter.add(s);
            try {
                s.connect(full.getLocalSocketAddress(), 200); // bounded: the first that times out shows the queue is full
            } catch (java.net.SocketTimeoutException e) {
                answered = false;
            }
        }
        return LOOPBACK + ":" + full.getLocalPort();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A service endpoint on 127.0.0.1. By default it reads the request to its end and answers its
     * name, a newline and the request; a greeter instead sends its name, shuts its output, and
     * queues what it receives after that.
     */
    static final class Backend implements AutoCloseable {
        final String name;
        final boolean greeter;
        final ServerSocket server;
        final ExecutorService threads = Executors.newCachedThreadPool();
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

        Backend(String name, boolean greeter) throws IOException {
            this.name = name;
            this.greeter = greeter;
            this.server = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK));
            threads.submit(this::acceptAll);
        }

        String endpoint() {
            return LOOPBACK + ":" + server.getLocalPort();
        }

        private Void acceptAll() throws IOException {
            while (!server.isClosed()) {
                Socket s = server.accept();
                threads.submit(() -> serve(s));
            }
            return null;
        }

        private Void serve(Socket s) throws IOException {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] hello = (name + "\n").getBytes(StandardCharsets.UTF_8);
                if (greeter) {
                    out.write(hello);
                    s.shutdownOutput();
                    received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } else {
                    byte[] request = in.readAllBytes();
                    out.write(hello);
                    out.write(request);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            server.close();
            threads.shutdownNow();
        }
    }

    /** Records each command line; answers with the first answer whose key starts it (none: empty output, exit 0). */
    static final class FakeCommands implements CommandRunner {
        final List<String> ran = new ArrayList<>();
        final Map<String, String> answers = new LinkedHashMap<>();

        @Override
        public synchronized String run(List<String> argv, String stdin) {
            String line = String.join(" ", argv);
            ran.add(line);
            return answers.entrySet().stream().filter(e -> line.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst()
                    .orElse("");
        }
    }
}
