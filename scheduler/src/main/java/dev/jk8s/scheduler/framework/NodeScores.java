package dev.jk8s.scheduler.framework;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/** The normalisations Kubernetes' score plugins share. Pure. */
public final class NodeScores {

    private NodeScores() {
    }

    /**
     * Scales scores so that the highest becomes 100 ({@code reverse}: the highest becomes 0 and 0
     * becomes 100). When every score is 0, reverse makes all 100 and otherwise all stay 0.
     */
    public static Map<String, Long> byMax(Map<String, Long> scores, boolean reverse) {
        long max = scores.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (max == 0) {
            return map(scores, s -> reverse ? ScorePlugin.MAX_SCORE : s);
        }
        return map(scores, s -> {
            long scaled = s * ScorePlugin.MAX_SCORE / max;
            return reverse ? ScorePlugin.MAX_SCORE - scaled : scaled;
        });
    }

    /** Maps the lowest score to 0 and the highest to 100, linearly; all 0 when they are equal. */
    public static Map<String, Long> minMax(Map<String, Long> scores) {
        long min = scores.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long max = scores.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long diff = max - min;
        return map(scores, s -> diff == 0 ? 0 : (long) (ScorePlugin.MAX_SCORE * ((double) (s - min) / diff)));
    }

    private static Map<String, Long> map(Map<String, Long> scores, LongUnaryOperator f) {
        Map<String, Long> out = new LinkedHashMap<>();
        scores.forEach((node, s) -> out.put(node, f.applyAsLong(s)));
        return Collections.unmodifiableMap(out);
    }
}
