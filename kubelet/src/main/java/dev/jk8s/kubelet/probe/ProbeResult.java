package dev.jk8s.kubelet.probe;

/**
 * The outcome of running a probe once.
 *
 * @param message for a failure, what went wrong ({@code HTTP probe failed with statuscode: 500});
 *                for a success, the output, if any
 */
record ProbeResult(Status status, String message) {

    enum Status {
        SUCCESS,
        FAILURE,
        /**
         * The probe could not be run (the container went away, a named port does not exist). As in
         * Kubernetes the result is dropped: it counts neither towards success nor failure.
         */
        UNKNOWN
    }

    static ProbeResult success(String output) {
        return new ProbeResult(Status.SUCCESS, output);
    }

    static ProbeResult failure(String message) {
        return new ProbeResult(Status.FAILURE, message);
    }

    static ProbeResult unknown(String message) {
        return new ProbeResult(Status.UNKNOWN, message);
    }

    /** The line for an event, e.g. {@code Liveness probe failed: HTTP probe failed with statuscode: 500}. */
    String describe(ProbeType type) {
        String verb = status == Status.UNKNOWN ? "errored" : status == Status.FAILURE ? "failed" : "succeeded";
        return type.label() + " probe " + verb + ": " + message;
    }
}
