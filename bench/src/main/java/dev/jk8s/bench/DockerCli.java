package dev.jk8s.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command line, as a user types it: every call is a new {@code docker} process
 * with a timeout. Output goes to a temporary file, so that a hung docker cannot block a pipe read.
 * Thread-safe (stateless).
 */
final class DockerCli {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private DockerCli() {
    }

    /**
     * Runs {@code docker <args>} and returns its trimmed standard output.
     *
     * @throws IllegalStateException when docker exits non-zero or exceeds {@link #TIMEOUT}
     */
    static String run(List<String> args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(args);
        Path out = null;
        try {
            out = Files.createTempFile("jk8s-bench-docker", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": no answer within " + TIMEOUT.toSeconds() + " s");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run docker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + ": interrupted", e);
        } finally {
            deleteQuietly(out);
        }
    }

    /** The ids of every container, running or not, labelled {@code label} ({@code key=value}). */
    static List<String> idsLabelled(String label) {
        return run(List.of("ps", "-aq", "--no-trunc", "--filter", "label=" + label)).lines()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Force-removes every container labelled {@code label}, with its anonymous volumes; returns how many. */
    static int removeLabelled(String label) {
        List<String> ids = idsLabelled(label);
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
            rm.addAll(ids);
            run(rm);
        }
        return ids.size();
    }

    /** Fails unless the engine answers and {@code images} are present (nothing is ever pulled). */
    static void requireImages(List<String> images) {
        for (String image : images) {
            try {
                run(List.of("image", "inspect", "--format", "{{.Id}}", image));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("image " + image + " is not on this Docker engine (" + e.getMessage()
                        + "); build it with images/build (nothing is pulled)", e);
            }
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
