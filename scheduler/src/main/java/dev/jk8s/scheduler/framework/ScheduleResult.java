package dev.jk8s.scheduler.framework;

import java.util.List;

/** What one scheduling cycle decided: {@link Scheduled} onto a node, or a {@link FitError}. */
public sealed interface ScheduleResult permits ScheduleResult.Scheduled, FitError {

    /** A feasible node's weighted total score. */
    record NodeScore(String node, long score) {
    }

    /**
     * The chosen node and the weighted total score of every node that was scored, in the order
     * they were found feasible (empty when only one node was feasible: then nothing is scored, as
     * in Kubernetes).
     */
    record Scheduled(String nodeName, List<NodeScore> scores) implements ScheduleResult {
        public Scheduled {
            scores = List.copyOf(scores);
        }
    }
}
