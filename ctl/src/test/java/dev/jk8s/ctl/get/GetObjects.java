package dev.jk8s.ctl.get;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerState;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodSpec;
import dev.jk8s.api.core.PodStatus;
import java.time.Instant;
import java.util.List;

/** Object mothers of the get tests: pods in a given state, created at {@link #T0}. */
final class GetObjects {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private GetObjects() {
    }

    static ObjectMeta meta(String name) {
        return ObjectMeta.builder().namespace("default").name(name).creationTimestamp(T0).resourceVersion("1").build();
    }

    /** A pod of one container "app" (image nginx:1.25) in {@code phase} with the given container statuses. */
    static Pod pod(String name, String phase, ContainerStatus... statuses) {
        return new Pod(meta(name), PodSpec.of(Container.of("app", "nginx:1.25")))
                .withStatus(status(phase, List.of(), List.of(statuses)));
    }

    static PodStatus status(String phase, List<ContainerStatus> init, List<ContainerStatus> containers) {
        return new PodStatus(phase, null, null, null, null, null, null, null, init, containers, null);
    }

    static ContainerStatus running(boolean ready) {
        return container(ContainerState.running(T0), ready, 0);
    }

    static ContainerStatus waiting(String reason, int restarts) {
        return container(ContainerState.waiting(reason, null), false, restarts);
    }

    static ContainerStatus terminated(String reason, int exitCode) {
        return container(ContainerState.terminated(new ContainerState.Terminated(exitCode, null, reason, null, T0, T0, null)),
                false, 0);
    }

    static ContainerStatus container(ContainerState state, boolean ready, int restarts) {
        return new ContainerStatus("app", state, null, ready, restarts, "nginx:1.25", null, null, null);
    }
}
