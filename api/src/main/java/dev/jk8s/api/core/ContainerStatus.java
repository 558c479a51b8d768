package dev.jk8s.api.core;

/**
 * What the kubelet observed of one container: its current and previous state, readiness, restart
 * count and the image it runs. {@code state} and {@code lastState} are never null
 * ({@link ContainerState#NONE} when unknown).
 */
public record ContainerStatus(String name, ContainerState state, ContainerState lastState, Boolean ready,
                              Integer restartCount, String image, String imageID, String containerID,
                              Boolean started) {

    public ContainerStatus {
        state = state == null ? ContainerState.NONE : state;
        lastState = lastState == null ? ContainerState.NONE : lastState;
    }

    public boolean isReady() {
        return Boolean.TRUE.equals(ready);
    }
}
