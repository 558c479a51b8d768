package dev.jk8s.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, single-member etcd (Debian's {@code /usr/bin/etcd}, 3.4) run as a child process of the
 * test JVM, for integration tests.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>It listens on 127.0.0.1 only, on a client and a peer port picked by {@link FreePorts} when
 *       it is constructed; {@link #endpoint()} is {@code http://127.0.0.1:<client port>} and is
 *       known before {@link #start()}.
 *   <li>{@link #start()} creates a temporary directory on first use (mode 700) holding the data
 *       directory and {@code etcd.log} (etcd's output, appended across restarts), launches etcd
 *       with fast test-only flags ({@code --heartbeat-interval 10 --election-timeout 100
 *       --unsafe-no-fsync}: data written just before a crash of the machine may be lost) and
 *       returns once {@code GET /health} answers {@code "health":"true"}, within 15 s, or throws
 *       {@link IllegalStateException} with the tail of etcd's log. It is idempotent while running.
 *   <li>If etcd is not installed, {@link #start()} throws {@link IllegalStateException} telling
 *       to run {@code bin/setup}: a test that needs etcd fails, it never skips.
 *   <li>{@link #stopProcess()} stops the process and keeps data and ports, so that a test can
 *       observe etcd being down and then {@link #start()} it again with the same data at the same
 *       endpoint; {@link #restart()} does both at once.
 *   <li>{@link #stop()} (and {@link #close()}) stops the process and deletes the temporary
 *       directory; it is idempotent, and the instance cannot be started again.
 *   <li>Stopping sends SIGTERM to the process, then SIGKILL if it has not exited within 5 s.
 *   <li>A JVM shutdown hook kills a still-running etcd and deletes its directory when a test run
 *       ends without stopping it. A JVM killed with SIGKILL runs no hook: its etcd is left over.
 *   <li>ETCD_* variables of the test's environment are not passed on: etcd reads each as a flag.
 * </ul>
 *
 * <p>Thread-safe; its methods are synchronized, except the shutdown hook, which never waits for
 * the monitor.
 */
public final class EtcdServer implements AutoCloseable {

    /** Where Debian's etcd-server package installs etcd; {@code bin/setup} installs it. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/etcd");

    static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int LAUNCH_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 25;
    private static final String MEMBER_NAME = "jk8s-test";

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofMillis(500))
                    .build();

    private final Path binary;
    private final boolean fsync;
    private final Thread shutdownHook = new Thread(this::killForShutdown, "etcd-server-shutdown");
    private int clientPort;
    private int peerPort;
    private Path baseDir;
    private volatile Process process;
    private boolean servedOnce;
    private boolean hookRegistered;
    private boolean stopped;

    /**
     * An etcd that syncs its writes to disk, as a production member does (no
     * {@code --unsafe-no-fsync}): for benchmarks that must not measure a test-only shortcut.
     */
    public static EtcdServer durable() {
        return new EtcdServer(DEFAULT_BINARY, true);
    }

    /** An etcd run from {@link #DEFAULT_BINARY}; nothing starts until {@link #start()}. */
    public EtcdServer() {
        this(DEFAULT_BINARY);
    }

    /** An etcd run from {@code binary}; nothing starts until {@link #start()}. */
    public EtcdServer(Path binary) {
        this(binary, false);
    }

    private EtcdServer(Path binary, boolean fsync) {
        this.binary = binary;
        this.fsync = fsync;
        this.clientPort = FreePorts.pick();
        this.peerPort = FreePorts.pick();
    }

    /**
     * Starts etcd, or does nothing if it runs, and returns once it is healthy.
     *
     * @return this, for {@code try (EtcdServer etcd = new EtcdServer().start())}
     * @throws IllegalStateException if etcd is not installed, was stopped with {@link #stop()}, or
     *     did not get healthy within 15 s (the message holds the tail of its log)
     */
    public synchronized EtcdServer start() {
        if (stopped) {
            throw new IllegalStateException(this + " was stopped and its data deleted; create a new EtcdServer");
        }
        if (isRunning()) {
            return this;
        }
        requireBinary();
        createDirectoriesOnce();
        for (int attempt = 1; ; attempt++) {
            try {
                launchAndAwaitHealth();
                servedOnce = true;
                return this;
            } catch (IllegalStateException e) {
                if (servedOnce || attempt == LAUNCH_ATTEMPTS || !logMentions("address already in use")) {
                    throw e;
                }
                pickNewPorts();
            }
        }
    }

    /** Stops the process, keeping data directory and ports; {@link #start()} serves them again. */
    public synchronized void stopProcess() {
        Process running = process;
        if (running == null) {
            return;
        }
        terminate(running);
        process = null;
    }

    /** Stops etcd and starts it again with the same data at the same endpoint. */
    public synchronized EtcdServer restart() {
        stopProcess();
        return start();
    }

    /** Stops etcd and deletes its directory. Idempotent; afterwards {@link #start()} throws. */
    public synchronized void stop() {
        stopProcess();
        stopped = true;
        deleteBaseDir();
        unregisterShutdownHook();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The client URL, {@code http://127.0.0.1:<client port>}, for jetcd or the apiserver. */
    public synchronized String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    public synchronized int clientPort() {
        return clientPort;
    }

    public synchronized int peerPort() {
        return peerPort;
    }

    /** Whether the etcd process is alive (it may not be healthy yet, or any more). */
    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The PID of the running etcd process. */
    public long pid() {
        Process running = process;
        if (running == null) {
            throw new IllegalStateException(this + " is not running");
        }
        return running.pid();
    }

    /** etcd's data directory; null before the first {@link #start()}. */
    public synchronized Path dataDir() {
        return baseDir == null ? null : baseDir.resolve("data");
    }

    /** etcd's output (all its runs); null before the first {@link #start()}. */
    public synchronized Path logFile() {
        return baseDir == null ? null : baseDir.resolve("etcd.log");
    }

    @Override
    public String toString() {
        return "etcd at http://127.0.0.1:" + clientPort;
    }

    // ---------------------------------------------------------------- starting

    private void requireBinary() {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(
                    "etcd is not installed: " + binary + " is missing or not executable;"
                            + " run bin/setup (it installs Debian's etcd-server)");
        }
    }

    private void createDirectoriesOnce() {
        if (baseDir != null) {
            return;
        }
        try {
            baseDir = Files.createTempDirectory("jk8s-etcd-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.createDirectory(dataDir(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for etcd under java.io.tmpdir", e);
        }
    }

    private void launchAndAwaitHealth() {
        appendToLog("--- jk8s EtcdServer: starting " + this + " at " + Instant.now() + "\n");
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("ETCD_"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage() + "; run bin/setup", e);
        }
        registerShutdownHookOnce();
        awaitHealth();
    }

    private List<String> command() {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        List<String> cmd = new ArrayList<>(List.of(binary.toString(),
                "--name", MEMBER_NAME,
                "--data-dir", dataDir().toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", MEMBER_NAME + "=" + peer,
                "--heartbeat-interval", "10", "--election-timeout", "100",
                "--logger", "zap"));
        if (!fsync) {
            cmd.add("--unsafe-no-fsync");
        }
        return cmd;
    }

    private void awaitHealth() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!isHealthy()) {
            Process running = process;
            if (!running.isAlive()) {
                process = null;
                throw startFailure("exited with code " + running.exitValue() + " during startup");
            }
            if (System.nanoTime() > deadline) {
                stopProcess();
                throw startFailure("did not report healthy within " + START_TIMEOUT.toSeconds() + " s; stopped it");
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /** {@code GET /health} on the client URL answers {@code "health":"true"}. */
    private boolean isHealthy() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
                .timeout(Duration.ofSeconds(1))
                .build();
        try {
            String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return body.replaceAll("\\s", "").contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + this, e);
        }
    }

    private IllegalStateException startFailure(String what) {
        return new IllegalStateException(
                this + " (" + binary + ") " + what + "; last lines of " + logFile() + ":\n" + logTail());
    }

    /** A port taken between pick and bind: start afresh elsewhere, the member never ran. */
    private void pickNewPorts() {
        clientPort = FreePorts.pick();
        peerPort = FreePorts.pick();
        deleteTree(dataDir(), false);
    }

    // ---------------------------------------------------------------- stopping

    private static void terminate(Process running) {
        running.destroy();
        try {
            if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs in the shutdown hook: must not take the monitor, a test thread may hold it. */
    private void killForShutdown() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
            try {
                running.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Path dir = baseDir;
        try {
            if (dir != null) {
                deleteTree(dir, true);
            }
        } catch (UncheckedIOException e) {
            // best effort while the JVM exits: a leftover temporary directory harms nobody
        }
    }

    private void registerShutdownHookOnce() {
        if (!hookRegistered) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookRegistered = true;
        }
    }

    private void unregisterShutdownHook() {
        if (!hookRegistered) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already; the hook will find nothing left to do
        }
        hookRegistered = false;
    }

    private void deleteBaseDir() {
        if (baseDir != null) {
            deleteTree(baseDir, true);
        }
    }

    // ---------------------------------------------------------------- files

    private static void deleteTree(Path root, boolean includingRoot) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(path -> includingRoot || !path.equals(root))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(logFile(), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile(), e);
        }
    }

    private boolean logMentions(String text) {
        return logTail().contains(text);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile() + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for etcd", e);
        }
    }
}
