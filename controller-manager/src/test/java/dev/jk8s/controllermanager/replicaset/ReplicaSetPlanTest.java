package dev.jk8s.controllermanager.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSetPlanTest {

    static Stream<Arguments> slowStart() {
        return Stream.of(
                Arguments.of("nothing", 0, List.of()),
                Arguments.of("one", 1, List.of(1)),
                Arguments.of("ten", 10, List.of(1, 2, 4, 3)),
                Arguments.of("a burst", 500, List.of(1, 2, 4, 8, 16, 32, 64, 128, 245)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slowStart")
    void createsInBatchesThatDouble(String name, int n, List<Integer> batches) {
        assertThat(ReplicaSetPlan.batches(n)).isEqualTo(batches);
    }

    static Stream<Arguments> counts() {
        return Stream.of(
                Arguments.of("three missing", 3, 0, 3, 0),
                Arguments.of("at its size", 2, 2, 0, 0),
                Arguments.of("two too many", 1, 3, 0, 2),
                Arguments.of("more than a burst missing", 1200, 0, ReplicaSetPlan.BURST, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void createsOrDeletesTheDifferenceUpToABurst(String name, int replicas, int owned, int create, int delete) {
        var rs = ReplicaSetControllerTest.replicaSet(replicas, 0);
        var test = new ReplicaSetControllerTest();
        var pods = java.util.stream.IntStream.range(0, owned)
                .mapToObj(i -> test.pod("p" + i, rs, "node-1", true, test.clock.instant())).toList();

        ReplicaSetPlan plan = ReplicaSetPlan.of(ReplicatedKind.REPLICA_SET.replicas(rs), pods, test.clock.instant());

        assertThat(plan.create()).isEqualTo(create);
        assertThat(plan.delete()).hasSize(delete);
        assertThat(plan.status().replicas()).isEqualTo(owned);
    }
}
