package dev.jk8s.controllermanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Condition;
import dev.jk8s.api.core.ContainerState;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.testkit.TestObjects;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BlockingPodTest {

    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    static Pod pod(String name, List<Condition> conditions, ContainerState state, ContainerState last) {
        Pod p = (Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: default}\n"
                + "spec: {containers: [{name: app, image: app}]}\n");
        List<ContainerStatus> statuses = state == null ? List.of()
                : List.of(new ContainerStatus("app", state, last, false, 3, "app", null, null, null));
        return p.withStatus(new PodStatus(PodStatus.RUNNING, conditions, null, null, null, null, null, null, null, statuses, null));
    }

    static Stream<Arguments> cases() {
        ContainerState.Terminated exit1 = new ContainerState.Terminated(1, null, "Error", null, NOW, NOW, "c1");
        return Stream.of(
                Arguments.of("a crash loop names its exit code",
                        List.of(pod("web-7f9c-x2", List.of(), ContainerState.waiting("CrashLoopBackOff", "back-off 10s restarting failed container"),
                                ContainerState.terminated(exit1))),
                        Optional.of("pod web-7f9c-x2: CrashLoopBackOff: exit 1")),
                Arguments.of("an image that cannot be pulled gives the engine's message",
                        List.of(pod("web-7f9c-x3", List.of(), ContainerState.waiting("ErrImagePull", "pull access denied for nope"), null)),
                        Optional.of("pod web-7f9c-x3: ErrImagePull: pull access denied for nope")),
                Arguments.of("an unschedulable pod gives the scheduler's message",
                        List.of(pod("web-7f9c-x4", List.of(Condition.of("PodScheduled", "False", "Unschedulable",
                                "0/3 nodes are available: 3 Insufficient cpu.", NOW)), null, null)),
                        Optional.of("pod web-7f9c-x4: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.")),
                Arguments.of("ready pods and pods still being created hold nothing up",
                        List.of(pod("ready", List.of(Condition.of("Ready", "True", null, null, NOW)), null, null),
                                pod("starting", List.of(), ContainerState.waiting("ContainerCreating", null), null)),
                        Optional.empty()),
                Arguments.of("the first by name speaks",
                        List.of(pod("web-b", List.of(), ContainerState.waiting("ErrImagePull", "b"), null),
                                pod("web-a", List.of(), ContainerState.waiting("ErrImagePull", "a"), null)),
                        Optional.of("pod web-a: ErrImagePull: a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namesWhatHoldsTheRolloutUp(String name, List<Pod> pods, Optional<String> expected) {
        assertThat(BlockingPod.reason(pods)).isEqualTo(expected);
    }
}
