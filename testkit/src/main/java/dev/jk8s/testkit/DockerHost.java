package dev.jk8s.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Docker engine of the test machine, for integration tests, driven through the {@code docker}
 * command line (testkit has no Docker client library).
 *
 * <p>Contract: {@link #require()} returns when {@code docker info} answers; otherwise it fails the
 * test when {@code JK8S_REQUIRE_INFRA=true} (bin/test exports it under CI), else aborts it as
 * skipped, telling to run {@code bin/setup}. Tests label every container they create and call
 * {@link #removeLabelled} afterwards, so that a failed test leaves nothing behind. Thread-safe;
 * stateless but for a remembered successful probe.
 */
public final class DockerHost {

    /** Set by bin/test under CI: missing infrastructure fails a test instead of skipping it. */
    public static final String REQUIRE_ENV = "JK8S_REQUIRE_INFRA";
    private static final long TIMEOUT_SECONDS = 30;
    private static volatile boolean answered;

    private DockerHost() {
    }

    /** Returns when Docker answers; fails or aborts the calling test when it does not. */
    public static void require() {
        if (answered) {
            return;
        }
        Result info = run(List.of("docker", "info", "--format", "{{.ServerVersion}}"));
        if (info.exitCode() == 0) {
            answered = true;
            return;
        }
        String message = "Docker does not answer (`docker info`: " + info.output().strip() + "); run bin/setup";
        if ("true".equals(System.getenv(REQUIRE_ENV))) {
            Assertions.fail(message + " (" + REQUIRE_ENV + "=true: a test that needs Docker fails, never skips)");
        }
        Assumptions.abort(message);
    }

    /**
     * Force-removes (with their anonymous volumes) every container carrying label {@code key=value}.
     *
     * @return how many were removed
     * @throws IllegalStateException if docker fails
     */
    public static int removeLabelled(String key, String value) {
        Result ps = run(List.of("docker", "ps", "-aq", "--filter", "label=" + key + "=" + value));
        check(ps, "list containers labelled " + key + "=" + value);
        List<String> ids = ps.output().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f", "-v"));
        rm.addAll(ids);
        check(run(rm), "remove containers labelled " + key + "=" + value);
        return ids.size();
    }

    private record Result(int exitCode, String output) {
    }

    private static void check(Result result, String what) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker: cannot " + what + ": " + result.output().strip());
        }
    }

    /** Runs {@code command}; its output goes to a file, so that a hung docker cannot block the read. */
    private static Result run(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("jk8s-docker", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary file left in /tmp
        }
    }
}
