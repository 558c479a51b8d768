package dev.jk8s.controllermanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Condition;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentStatus;
import dev.jk8s.api.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentStatusesTest {

    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    static Deployment deployment(List<Condition> conditions, int updated, int available) {
        Deployment d = RolloutPlanTest.deployment(3, "1", "0");
        d = d.withSpec(new dev.jk8s.api.apps.DeploymentSpec(3, d.spec().selector(), d.spec().template(), d.spec().strategy(),
                null, 10, null, 60));
        return d.withStatus(new DeploymentStatus(1L, updated, updated, available, available, 3 - available, conditions, null));
    }

    static Condition progressing(String status, String reason, String message, Instant updated) {
        return new Condition("Progressing", status, null, null, updated, updated, reason, message);
    }

    static Optional<Condition> progressingOf(DeploymentStatus s) {
        return Condition.find(s.conditions(), "Progressing");
    }

    @Test
    void aFinishedRolloutHasSuccessfullyProgressed() {
        ReplicaSet rs = RolloutPlanTest.rs("web-abc", 3, 3, 1);
        DeploymentStatus s = DeploymentStatuses.of(deployment(List.of(), 0, 0), rs, List.of(rs), null, Optional.empty(), T0);

        assertThat(progressingOf(s)).hasValueSatisfying(c -> {
            assertThat(c.reason()).isEqualTo("NewReplicaSetAvailable");
            assertThat(c.message()).isEqualTo("ReplicaSet \"web-abc\" has successfully progressed.");
        });
        assertThat(Condition.find(s.conditions(), "Available").map(Condition::reason)).hasValue("MinimumReplicasAvailable");
    }

    @Test
    void progressRefreshesTheClockAndItsAbsenceForTheDeadlineTimesOutNamingThePod() {
        ReplicaSet rs = RolloutPlanTest.rs("web-abc", 3, 1, 1);
        Condition started = progressing("True", "ReplicaSetUpdated", "ReplicaSet \"web-abc\" is progressing.", T0);

        // One more pod became available after 30 s: progress, the deadline counts from now.
        DeploymentStatus moved = DeploymentStatuses.of(deployment(List.of(started), 3, 0), rs, List.of(rs), null,
                Optional.empty(), T0.plusSeconds(30));
        assertThat(progressingOf(moved).map(Condition::lastUpdateTime)).hasValue(T0.plusSeconds(30));
        assertThat(DeploymentStatuses.untilDeadline(deployment(moved.conditions(), 3, 1), moved, T0.plusSeconds(30)))
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(61)));

        // Nothing moves for 60 s more: the deadline has passed.
        Deployment stuck = deployment(moved.conditions(), 3, 1);
        DeploymentStatus timedOut = DeploymentStatuses.of(stuck, rs, List.of(rs), null,
                Optional.of("pod web-abc-x1: CrashLoopBackOff: exit 1"), T0.plusSeconds(90));
        assertThat(progressingOf(timedOut)).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo("False");
            assertThat(c.reason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(c.message()).isEqualTo("ReplicaSet \"web-abc\" has timed out progressing. pod web-abc-x1: CrashLoopBackOff: exit 1");
        });
    }

    @Test
    void aTimedOutRolloutNamesThePodOnceItTellsAndKeepsItsReason() {
        ReplicaSet rs = RolloutPlanTest.rs("web-abc", 3, 1, 1);
        Condition exceeded = progressing("False", "ProgressDeadlineExceeded", "ReplicaSet \"web-abc\" has timed out progressing.", T0);
        Deployment d = deployment(List.of(exceeded), 3, 1);

        DeploymentStatus quiet = DeploymentStatuses.of(d, rs, List.of(rs), null, Optional.empty(), T0.plusSeconds(5));
        assertThat(progressingOf(quiet)).hasValue(exceeded);

        DeploymentStatus told = DeploymentStatuses.of(d, rs, List.of(rs), null, Optional.of("pod web-abc-x1: ErrImagePull: nope"),
                T0.plusSeconds(10));
        assertThat(progressingOf(told).map(Condition::message))
                .hasValue("ReplicaSet \"web-abc\" has timed out progressing. pod web-abc-x1: ErrImagePull: nope");
        assertThat(progressingOf(told).map(Condition::lastTransitionTime)).hasValue(T0);
    }
}
