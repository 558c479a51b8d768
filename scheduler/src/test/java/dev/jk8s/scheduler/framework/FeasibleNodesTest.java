package dev.jk8s.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How many feasible nodes a cycle looks for before it stops filtering, as Kubernetes' percentageOfNodesToScore. */
class FeasibleNodesTest {

    @ParameterizedTest(name = "{0} nodes: {1}")
    @CsvSource({"3, 3", "100, 100", "101, 100", "500, 230", "1000, 420", "5000, 500", "10000, 500"})
    void feasibleNodesToFind(int nodes, int expected) {
        assertThat(SchedulingCycle.feasibleNodesToFind(nodes)).isEqualTo(expected);
    }
}
