package dev.jk8s.scheduler.framework;

import java.util.Map;

/** What one scheduling cycle decided: {@link Scheduled} onto a node, or a {@link FitError}. */
public sealed interface ScheduleResult permits ScheduleResult.Scheduled, FitError {

    /**
     * The chosen node and the weighted total score of every feasible node (empty when only one
     * node was feasible: then nothing is scored, as in Kubernetes).
     */
    record Scheduled(String nodeName, Map<String, Long> totalScores) implements ScheduleResult {
        public Scheduled {
            totalScores = Map.copyOf(totalScores);
        }
    }
}
