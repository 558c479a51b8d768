package dev.jk8s.bench;

import java.time.Instant;

/**
 * One side of the pod startup comparison: starts one pod, or what stands for it, and returns when
 * it runs. Implementations may be called from many threads at once (the concurrent phase).
 */
interface PodStarter {

    /** What the report calls this side. */
    String label();

    /**
     * Starts {@code name} and blocks until it runs.
     *
     * @throws IllegalStateException when it does not run within the implementation's timeout
     */
    Sample start(String name) throws Exception;

    /** Removes everything this side started; returns once its containers are gone. */
    void removeAll() throws Exception;

    /**
     * One start: its latency from a monotonic clock, and wall-clock marks (epoch nanoseconds) to
     * line it up with Docker's events: when the call began, when the request was accepted (the
     * apiserver answered the create; 0 when there is no such step) and when it was seen running.
     */
    record Sample(String name, long nanos, long calledAt, long acceptedAt, long doneAt) {

        double millis() {
            return nanos / 1e6;
        }
    }

    static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
