package dev.jk8s.ctl.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Condition;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentSpec;
import dev.jk8s.api.apps.DeploymentStatus;
import dev.jk8s.ctl.rollout.RolloutProgress.State;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutProgressTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("spec change not yet observed", deployment(3, 2, status(1L, 3, 3, 3, List.of())),
                        "Waiting for deployment spec update to be observed...", State.WAITING),
                Arguments.of("new replicas being created", deployment(3, 2, status(2L, 4, 1, 3, List.of())),
                        "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...",
                        State.WAITING),
                Arguments.of("old replicas terminating", deployment(3, 2, status(2L, 5, 3, 3, List.of())),
                        "Waiting for deployment \"web\" rollout to finish: 2 old replicas are pending termination...",
                        State.WAITING),
                Arguments.of("updated replicas not yet available", deployment(3, 2, status(2L, 3, 3, 1, List.of())),
                        "Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...",
                        State.WAITING),
                Arguments.of("complete", deployment(3, 2, status(2L, 3, 3, 3, List.of())),
                        "deployment \"web\" successfully rolled out", State.COMPLETE),
                Arguments.of("scaled to zero", deployment(0, 1, status(1L, 0, 0, 0, List.of())),
                        "deployment \"web\" successfully rolled out", State.COMPLETE),
                Arguments.of("progress deadline exceeded", deployment(3, 2, status(2L, 4, 1, 3, List.of(Condition.of(
                                "Progressing", Condition.FALSE, RolloutProgress.DEADLINE_EXCEEDED, "ReplicaSet web-2 has timed out",
                                Instant.EPOCH)))),
                        "deployment \"web\" exceeded its progress deadline", State.FAILED),
                Arguments.of("never observed", deployment(1, 1, DeploymentStatus.EMPTY),
                        "Waiting for deployment spec update to be observed...", State.WAITING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void progressIsWordedAsKubectlWordsIt(String name, Deployment d, String message, State state) {
        assertThat(RolloutProgress.of(d)).isEqualTo(new RolloutProgress(message, state));
    }

    static Deployment deployment(int replicas, long generation, DeploymentStatus status) {
        return new Deployment(ObjectMeta.named("default", "web").toBuilder().generation(generation).build(),
                DeploymentSpec.EMPTY.withReplicas(replicas)).withStatus(status);
    }

    static DeploymentStatus status(Long observed, int replicas, int updated, int available, List<Condition> conditions) {
        return new DeploymentStatus(observed, replicas, updated, available, available, replicas - available, conditions, null);
    }
}
