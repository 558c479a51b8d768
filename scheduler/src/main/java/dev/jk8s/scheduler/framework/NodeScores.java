package dev.jk8s.scheduler.framework;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/** The normalisations Kubernetes' score plugins share, over one score per feasible node. Pure. */
public final class NodeScores {

    private NodeScores() {
    }

    /**
     * Scales scores so that the highest becomes 100 ({@code reverse}: the highest becomes 0 and 0
     * becomes 100). When every score is 0, reverse makes all 100 and otherwise all stay 0.
     */
    public static long[] byMax(long[] scores, boolean reverse) {
        long max = Arrays.stream(scores).max().orElse(0);
        if (max == 0) {
            return map(scores, s -> reverse ? ScorePlugin.MAX_SCORE : s);
        }
        return map(scores, s -> {
            long scaled = s * ScorePlugin.MAX_SCORE / max;
            return reverse ? ScorePlugin.MAX_SCORE - scaled : scaled;
        });
    }

    /** Maps the lowest score to 0 and the highest to 100, linearly; all 0 when they are equal. */
    public static long[] minMax(long[] scores) {
        long min = Arrays.stream(scores).min().orElse(0);
        long max = Arrays.stream(scores).max().orElse(0);
        long diff = max - min;
        return map(scores, s -> diff == 0 ? 0 : (long) (ScorePlugin.MAX_SCORE * ((double) (s - min) / diff)));
    }

    private static long[] map(long[] scores, LongUnaryOperator f) {
        long[] out = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = f.applyAsLong(scores[i]);
        }
        return out;
    }
}
