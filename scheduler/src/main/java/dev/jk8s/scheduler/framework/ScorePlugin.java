package dev.jk8s.scheduler.framework;

import dev.jk8s.api.core.Pod;

/**
 * Ranks the nodes that passed every filter. {@link #score} gives a raw score for one node; then
 * {@link #normalize} sees the raw scores of all feasible nodes at once and maps them into
 * {@code 0..}{@value #MAX_SCORE} (the default keeps them, for plugins whose raw score is already
 * in range). Higher is better. Implementations are pure and stateless.
 */
public interface ScorePlugin {

    long MAX_SCORE = 100;

    String name();

    long score(Pod pod, NodeInfo node, Snapshot snapshot);

    /**
     * The raw scores of all feasible nodes in; their scores in 0..100 out, in the same order (a
     * new array; the default returns its argument).
     */
    default long[] normalize(long[] scores) {
        return scores;
    }
}
