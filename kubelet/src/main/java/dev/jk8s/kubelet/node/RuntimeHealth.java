package dev.jk8s.kubelet.node;

import dev.jk8s.kubelet.runtime.ContainerRuntime;

/**
 * What the container runtime answered when the kubelet last asked for its version: the version,
 * or why it did not answer. Immutable.
 *
 * @param version the runtime's {@code name://version}; null when it failed
 * @param error   the failure's message; null when it answered
 */
public record RuntimeHealth(String version, String error) {

    public static RuntimeHealth ok(String version) {
        return new RuntimeHealth(version, null);
    }

    public static RuntimeHealth failed(String error) {
        return new RuntimeHealth(null, error);
    }

    /** Asks the runtime for its version; any exception means it is not healthy. */
    public static RuntimeHealth probe(ContainerRuntime runtime) {
        try {
            return ok(runtime.version());
        } catch (RuntimeException e) {
            return failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    public boolean healthy() {
        return error == null;
    }
}
