package dev.jk8s.bench;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Node;
import dev.jk8s.client.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A kubelet as its own process (the shaded jar), so that its memory can be read from
 * {@code /proc/<pid>/status}. {@link #close()} stops that process, by its pid only (SIGTERM,
 * then SIGKILL after 10 s), then force-removes every container labelled with its node, which a
 * stopped kubelet leaves running. Idempotent; safe to call from a shutdown hook.
 */
final class KubeletProcess implements AutoCloseable {

    /** The label the kubelet puts on every container of its node. */
    static final String NODE_LABEL = "jk8s.dev/node";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** Resident memory now and its peak, in KiB, from /proc/&lt;pid&gt;/status. */
    record Memory(long rssKib, long peakKib) {
    }

    private final Process process;
    private final String node;
    private final Path log;
    private boolean closed;

    private KubeletProcess(Process process, String node, Path log) {
        this.process = process;
        this.node = node;
        this.log = log;
    }

    /** Launches {@code java <jvmFlags> -jar <jar> <flags for node> <extraArgs>}; its output goes to {@code rootDir}/kubelet.log. */
    static KubeletProcess launch(Path jar, List<String> jvmFlags, String node, String apiserver, Path rootDir,
                                 List<String> extraArgs) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no kubelet jar at " + jar.toAbsolutePath()
                    + "; build it (mvn -B -q install -DskipTests -DskipITs) or pass --kubelet-jar");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", jar.toString(), "--node-name", node, "--apiserver", apiserver, "--port", "0",
                "--root-dir", rootDir.resolve("root").toString()));
        cmd.addAll(extraArgs);
        Path log = rootDir.resolve("kubelet.log");
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // as bin/cluster runs kubelets
        Process p = builder.start();
        return new KubeletProcess(p, node, log);
    }

    long pid() {
        return process.pid();
    }

    String node() {
        return node;
    }

    Path log() {
        return log;
    }

    /** Returns once the kubelet's Node reports Ready; throws if it exits or is not Ready within {@code timeout}. */
    void awaitReady(ApiClient client, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready(client)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the kubelet exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + node + " not Ready within " + timeout.toSeconds() + " s; see " + log);
            }
            Thread.sleep(100);
        }
    }

    private boolean ready(ApiClient client) {
        try {
            Node n = client.resource(Kinds.NODE).get("", node);
            return n.status() != null && Condition.find(n.status().conditions(), "Ready").map(Condition::isTrue).orElse(false);
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** VmRSS and VmHWM of the kubelet process. */
    Memory memory() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"));
        return new Memory(kib(lines, "VmRSS:").orElse(-1L), kib(lines, "VmHWM:").orElse(-1L));
    }

    private static Optional<Long> kib(List<String> status, String field) {
        return status.stream().filter(l -> l.startsWith(field))
                .map(l -> Long.parseLong(l.substring(field.length()).replace("kB", "").strip())).findFirst();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        DockerCli.removeLabelled(NODE_LABEL + "=" + node);
    }
}
