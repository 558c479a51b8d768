package dev.jk8s.scheduler.plugins;

import static dev.jk8s.scheduler.TestCluster.node;
import static dev.jk8s.scheduler.TestCluster.on;
import static dev.jk8s.scheduler.TestCluster.pod;
import static dev.jk8s.scheduler.TestCluster.requesting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.jk8s.api.core.Pod;
import dev.jk8s.scheduler.framework.NodeScores;
import dev.jk8s.scheduler.framework.ScorePlugin;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.plugins.noderesources.BalancedAllocation;
import dev.jk8s.scheduler.plugins.noderesources.LeastAllocated;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Raw scores of the resource plugins on a 4-cpu, 8Gi node, and the shared normalisations. */
class ScorePluginsTest {

    static Stream<Arguments> cases() {
        Pod existing = on("node-1", requesting("a", "1", "2Gi"));
        return Stream.of(
                Arguments.of(named("least allocated, empty node", new LeastAllocated()), requesting("p", "2", "4Gi"), List.of(), 50L),
                Arguments.of(named("least allocated, with a pod", new LeastAllocated()), requesting("p", "1", "2Gi"),
                        List.of(existing), 50L),
                Arguments.of(named("least allocated, no requests count 100m and 200Mi", new LeastAllocated()),
                        pod("p", "{}", "containers: [{name: app, image: app}]"), List.of(), 97L),
                Arguments.of(named("balanced: same fraction", new BalancedAllocation()), requesting("p", "2", "4Gi"), List.of(), 100L),
                Arguments.of(named("balanced: cpu 100%, memory 0%", new BalancedAllocation()), requesting("p", "4", "0"), List.of(), 50L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scores(ScorePlugin plugin, Pod pod, List<Pod> existing, long expected) {
        Snapshot snapshot = Snapshot.of(List.of(node("node-1", "4", "8Gi")), existing);

        assertThat(plugin.score(pod, snapshot.get("node-1").orElseThrow(), snapshot)).isEqualTo(expected);
    }

    @Test
    void normalisations() {
        assertThat(NodeScores.byMax(new long[] {2, 4}, false)).containsExactly(50, 100);
        assertThat(NodeScores.byMax(new long[] {1, 0}, true)).containsExactly(0, 100);
        assertThat(NodeScores.byMax(new long[] {0}, true)).containsExactly(100);
        assertThat(NodeScores.byMax(new long[] {0, 0}, false)).containsExactly(0, 0);
        assertThat(NodeScores.minMax(new long[] {-100, 0, 100})).containsExactly(0, 50, 100);
        assertThat(NodeScores.minMax(new long[] {7, 7})).containsExactly(0, 0);
    }
}
