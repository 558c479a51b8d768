package dev.jk8s.kubelet.probe;

import dev.jk8s.kubelet.probe.ProbeResult.Status;

/**
 * The result of one probe of one container, moved only by runs of equal outcomes: it becomes
 * failure after {@code failureThreshold} consecutive failures and success after
 * {@code successThreshold} consecutive successes (Kubernetes' prober worker).
 *
 * <p>Readiness starts as failure (not ready until proven), liveness as success (alive until proven
 * otherwise), startup as unknown. Once liveness or startup has failed, the state is <em>held</em>:
 * the container is to be killed, and probing it further could only race with that.
 *
 * <p>Not thread-safe: one worker owns it; readers go through the worker.
 */
final class ProbeState {

    private final ProbeType type;
    private final int successThreshold;
    private final int failureThreshold;
    private Status result;
    private Status lastRun = Status.UNKNOWN;
    private int runLength;
    private boolean held;

    ProbeState(ProbeType type, int successThreshold, int failureThreshold) {
        this.type = type;
        this.successThreshold = successThreshold;
        this.failureThreshold = failureThreshold;
        this.result = initial(type);
    }

    private static Status initial(ProbeType type) {
        return switch (type) {
            case READINESS -> Status.FAILURE;
            case LIVENESS -> Status.SUCCESS;
            case STARTUP -> Status.UNKNOWN;
        };
    }

    /**
     * Counts one run's outcome; {@link Status#UNKNOWN} is ignored.
     *
     * @return whether the result changed
     */
    boolean record(Status outcome) {
        if (outcome == Status.UNKNOWN || held) {
            return false;
        }
        runLength = outcome == lastRun ? runLength + 1 : 1;
        lastRun = outcome;
        if (runLength < threshold(outcome)) {
            return false;
        }
        held = outcome == Status.FAILURE && type != ProbeType.READINESS;
        Status previous = result;
        result = outcome;
        return previous != outcome;
    }

    private int threshold(Status outcome) {
        return outcome == Status.SUCCESS ? successThreshold : failureThreshold;
    }

    Status result() {
        return result;
    }

    /** Whether probing should stop: liveness or startup failed, or startup succeeded (it runs only until then). */
    boolean finished() {
        return held || (type == ProbeType.STARTUP && result == Status.SUCCESS);
    }
}
