package dev.jk8s.controllermanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.apps.ReplicaSetStatus;
import dev.jk8s.testkit.TestObjects;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutPlanTest {

    static Deployment deployment(int replicas, String maxSurge, String maxUnavailable) {
        return (Deployment) TestObjects.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default, uid: d-uid}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: %s, maxUnavailable: %s}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: "jk8s/http:1.0"}]}
                """.formatted(replicas, maxSurge, maxUnavailable));
    }

    /** A ReplicaSet with {@code spec} replicas of which {@code available} are available; {@code age} orders old ones. */
    static ReplicaSet rs(String name, int spec, int available, int age) {
        ReplicaSet rs = (ReplicaSet) TestObjects.parse("apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: " + name
                + ", namespace: default}\nspec: {replicas: " + spec + ", selector: {matchLabels: {app: web}}}\n");
        rs = rs.withMetadata(rs.metadata().toBuilder().creationTimestamp(Instant.parse("2026-12-04T10:00:00Z").plusSeconds(age)).build());
        return rs.withStatus(new ReplicaSetStatus(spec, spec, available, available, null, null));
    }

    static Stream<Arguments> steps() {
        return Stream.of(
                // name, deployment (replicas, surge, unavailable), new (spec, available), olds..., expected
                Arguments.of("first rollout grows to replicas + surge, capped at replicas", deployment(4, "\"25%\"", "\"25%\""),
                        rs("new", 0, 0, 9), List.of(), Map.of("new", 4)),
                Arguments.of("surge 1: new grows by 1 beside 4 old", deployment(4, "1", "0"),
                        rs("new", 0, 0, 9), List.of(rs("old", 4, 4, 1)), Map.of("new", 1, "old", 4)),
                Arguments.of("new not yet available, unavailable 0: old stays", deployment(4, "1", "0"),
                        rs("new", 1, 0, 9), List.of(rs("old", 4, 4, 1)), Map.of("new", 1, "old", 4)),
                Arguments.of("new available: one old goes", deployment(4, "1", "0"),
                        rs("new", 1, 1, 9), List.of(rs("old", 4, 4, 1)), Map.of("new", 1, "old", 3)),
                Arguments.of("surge 0, unavailable 1: an old pod goes first", deployment(4, "0", "1"),
                        rs("new", 0, 0, 9), List.of(rs("old", 4, 4, 1)), Map.of("new", 0, "old", 3)),
                Arguments.of("unavailable old pods go, within what may be scaled down", deployment(4, "1", "1"),
                        rs("new", 1, 0, 9), List.of(rs("old", 4, 2, 1)), Map.of("new", 1, "old", 3)),
                Arguments.of("nothing may go while too few are available", deployment(4, "0", "1"),
                        rs("new", 1, 0, 9), List.of(rs("old", 3, 1, 1)), Map.of("new", 1, "old", 3)),
                Arguments.of("oldest old ReplicaSet shrinks first", deployment(4, "1", "1"),
                        rs("new", 2, 2, 9), List.of(rs("older", 1, 1, 1), rs("newer", 2, 2, 5)), Map.of("new", 2, "older", 0, "newer", 1)),
                Arguments.of("both bounds 0 means one may be unavailable", deployment(2, "0", "0"),
                        rs("new", 0, 0, 9), List.of(rs("old", 2, 2, 1)), Map.of("new", 0, "old", 1)),
                Arguments.of("scaled down: new shrinks to replicas", deployment(2, "1", "0"),
                        rs("new", 5, 5, 9), List.of(), Map.of("new", 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void rollingStep(String name, Deployment d, ReplicaSet newRs, List<ReplicaSet> old, Map<String, Integer> expected) {
        assertThat(RolloutPlan.rolling(d, newRs, old)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "old pods left: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void recreateEmptiesTheOldFirst(boolean oldPodsLeft) {
        Map<String, Integer> next = RolloutPlan.recreate(deployment(3, "0", "0"), rs("new", 0, 0, 9),
                List.of(rs("old", 3, 3, 1)), oldPodsLeft);
        assertThat(next).containsEntry("old", 0).containsEntry("new", oldPodsLeft ? 0 : 3);
    }
}
