package dev.jk8s.kubelet.runtime;

import java.time.Instant;

/**
 * What the runtime reports about one container of a pod (an app container or the sandbox), read
 * back from the engine and its labels.
 *
 * @param id          the engine's container id
 * @param name        the container's name in the pod spec, or {@link Labels#SANDBOX_NAME}
 * @param attempt     from {@link Labels#ATTEMPT}
 * @param exitCode    null unless exited
 * @param reason      for an exited container: {@code Completed} (exit 0), {@code OOMKilled} or
 *                    {@code Error}; null otherwise
 * @param startedAt   null if it never started
 * @param finishedAt  null unless exited
 * @param imageId     the engine's image id ({@code sha256:...})
 * @param ip          the sandbox's address on the bridge; null for app containers, or with host networking
 */
public record RuntimeContainer(String id, PodRef pod, String name, int attempt, State state, Integer exitCode,
                               String reason, Instant createdAt, Instant startedAt, Instant finishedAt,
                               String image, String imageId, String ip) {

    /** The engine's states, folded to what the kubelet distinguishes. */
    public enum State {
        CREATED, RUNNING, EXITED, UNKNOWN
    }

    public boolean isSandbox() {
        return Labels.SANDBOX_NAME.equals(name);
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }
}
