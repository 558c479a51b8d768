package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.testkit.DockerHost;
import dev.jk8s.testkit.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A cluster started as a user starts one, {@code bin/cluster up --nodes N}, but beside any other:
 * its own run directory, free ports, jctl config and node names ({@code e2e-<random>-I}). Runs
 * {@code bin/cluster} and {@code bin/jctl} as processes with that environment. {@link #close} runs
 * {@code bin/cluster down} and removes whatever containers its nodes left, even after a failure.
 */
final class BinCluster implements AutoCloseable {

    /** What a command printed, and its exit code. */
    record Result(int code, String out) {
        Result ok() {
            assertThat(code).as(out).isZero();
            return this;
        }
    }

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    final int nodes;
    final String nodePrefix = "e2e-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    final Path runDir;
    private final Map<String, String> env = new HashMap<>();

    BinCluster(int nodes) throws IOException {
        this.nodes = nodes;
        this.runDir = Files.createTempDirectory("jk8s-e2e-run");
        env.put("JK8S_RUN_DIR", runDir.toString());
        env.put("JCTL_CONFIG", runDir.resolve("jctl-config").toString());
        env.put("JK8S_NODE_PREFIX", nodePrefix);
        env.put("JK8S_SKIP_SETUP", "1"); // bin/test ran bin/setup already
        for (String port : List.of("JK8S_ETCD_PORT", "JK8S_ETCD_PEER_PORT", "JK8S_APISERVER_PORT", "JK8S_APISERVER_HTTP_PORT",
                "JK8S_SCHEDULER_PORT", "JK8S_CONTROLLER_MANAGER_PORT")) {
            env.put(port, String.valueOf(FreePorts.pick()));
        }
        env.put("JK8S_KUBELET_PORT_BASE", String.valueOf(portBase(nodes)));
        env.put("JK8S_PROXY_PORT_BASE", String.valueOf(portBase(nodes)));
    }

    /** {@code bin/cluster ARGS}, within {@code timeout}. */
    Result cluster(Duration timeout, String... args) {
        return run(timeout, "bin/cluster", args);
    }

    /** {@code bin/jctl ARGS} against this cluster, within 200 s (rollout status waits up to 180 s). */
    Result jctl(String... args) {
        return run(Duration.ofSeconds(200), "bin/jctl", args);
    }

    /** The apiserver's gRPC port. */
    int apiserverPort() {
        return Integer.parseInt(env.get("JK8S_APISERVER_PORT"));
    }

    String node(int i) {
        return nodePrefix + i;
    }

    /** The pid in {@code <component>.pid}. */
    long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(runDir.resolve(component + ".pid")).strip());
    }

    private Result run(Duration timeout, String script, String... args) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve(script).toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(runDir, "out", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A base B such that B+1 .. B+n are free. */
    private static int portBase(int n) {
        while (true) {
            int base = FreePorts.pick() - 1;
            boolean free = true;
            for (int i = 2; i <= n && free; i++) {
                free = FreePorts.isFree(base + i);
            }
            if (free) {
                return base;
            }
        }
    }

    @Override
    public void close() {
        try {
            cluster(Duration.ofMinutes(3), "down");
        } finally {
            for (int i = 1; i <= nodes; i++) {
                DockerHost.removeLabelled("jk8s.dev/node", node(i));
            }
            deleteRunDir();
        }
    }

    /** The run directory (etcd's data, logs); volumes the containers wrote as root are deleted too. */
    private void deleteRunDir() {
        try (var paths = Files.walk(runDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover in /tmp is not worth failing the suite for
        }
    }
}
