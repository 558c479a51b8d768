package dev.jk8s.api.core;

import java.time.Instant;

/** A container's state: at most one of waiting, running and terminated is set ({@link #NONE}: not known). */
public record ContainerState(Waiting waiting, Running running, Terminated terminated) {

    public static final ContainerState NONE = new ContainerState(null, null, null);

    public static ContainerState waiting(String reason, String message) {
        return new ContainerState(new Waiting(reason, message), null, null);
    }

    public static ContainerState running(Instant startedAt) {
        return new ContainerState(null, new Running(startedAt), null);
    }

    public static ContainerState terminated(Terminated terminated) {
        return new ContainerState(null, null, terminated);
    }

    /** Not yet running, with why: {@code ContainerCreating}, {@code ErrImagePull}, {@code CrashLoopBackOff}. */
    public record Waiting(String reason, String message) {
    }

    public record Running(Instant startedAt) {
    }

    /** Exited with {@code exitCode}, or was killed by {@code signal}. */
    public record Terminated(Integer exitCode, Integer signal, String reason, String message,
                             Instant startedAt, Instant finishedAt, String containerID) {
    }
}
