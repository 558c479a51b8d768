package dev.jk8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.core.ContainerState;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubernetes' pod phase from its containers' states, per restart policy. */
class PodStatusesTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    static ContainerStatus running() {
        return status(ContainerState.running(T), ContainerState.NONE);
    }

    static ContainerStatus exited(int code) {
        return status(ContainerState.terminated(new ContainerState.Terminated(code, null, null, null, T, T, "x")), ContainerState.NONE);
    }

    static ContainerStatus creating() {
        return status(ContainerState.waiting("ContainerCreating", null), ContainerState.NONE);
    }

    static ContainerStatus crashLooping() {
        return status(ContainerState.waiting("CrashLoopBackOff", "back-off"),
                ContainerState.terminated(new ContainerState.Terminated(1, null, "Error", null, T, T, "x")));
    }

    static ContainerStatus status(ContainerState state, ContainerState last) {
        return new ContainerStatus("c", state, last, false, 0, "i", null, null, false);
    }

    static Stream<Arguments> phases() {
        return Stream.of(
                Arguments.of("a container still being created", "Always", List.of(running(), creating()), "Pending"),
                Arguments.of("one running, one crash-looping", "Always", List.of(running(), crashLooping()), "Running"),
                Arguments.of("only crash-looping", "Always", List.of(crashLooping()), "Running"),
                Arguments.of("all exited 0 under Always (they restart)", "Always", List.of(exited(0)), "Running"),
                Arguments.of("all exited 0 under Never", "Never", List.of(exited(0), exited(0)), "Succeeded"),
                Arguments.of("one failed under Never", "Never", List.of(exited(0), exited(2)), "Failed"),
                Arguments.of("one failed under OnFailure (it restarts)", "OnFailure", List.of(exited(0), exited(2)), "Running"),
                Arguments.of("all exited 0 under OnFailure", "OnFailure", List.of(exited(0)), "Succeeded"),
                Arguments.of("one still running under Never", "Never", List.of(running(), exited(1)), "Running"),
                Arguments.of("no containers reported yet", "Always", List.of(), "Pending"));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("phases")
    void phase(String name, String policy, List<ContainerStatus> statuses, String phase) {
        Pod pod = PodSyncerTest.pod("p", "  restartPolicy: " + policy + "\n  containers:\n  - {name: c, image: i}\n");
        assertThat(PodStatuses.phase(pod, new ArrayList<>(statuses))).isEqualTo(phase);
    }

    static Stream<Arguments> qos() {
        return Stream.of(
                Arguments.of("no resources", "", "BestEffort"),
                Arguments.of("limits equal requests", "    resources: {limits: {cpu: 100m, memory: 64Mi}, requests: {cpu: 100m, memory: 64Mi}}\n", "Guaranteed"),
                Arguments.of("requests only", "    resources: {requests: {cpu: 100m}}\n", "Burstable"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("qos")
    void qosClass(String name, String resources, String qos) {
        Pod pod = PodSyncerTest.pod("p", "  containers:\n  - name: c\n    image: i\n" + resources);
        assertThat(PodStatuses.qosClass(pod)).isEqualTo(qos);
    }
}
