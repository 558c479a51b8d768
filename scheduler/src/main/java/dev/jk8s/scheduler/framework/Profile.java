package dev.jk8s.scheduler.framework;

import java.util.ArrayList;
import java.util.List;

/**
 * A scheduling profile: the filters to run, in order (a node's verdict stops at the first failing
 * filter, as in Kubernetes), and the score plugins with their weights (a node's score is the sum
 * of normalised score × weight). Immutable; change weights with {@link #withWeight}.
 */
public record Profile(List<FilterPlugin> filters, List<WeightedScore> scores) {

    /** A score plugin and how much it counts; weight 0 switches it off. */
    public record WeightedScore(ScorePlugin plugin, int weight) {
        public WeightedScore {
            if (weight < 0) {
                throw new IllegalArgumentException("weight of score plugin " + plugin.name() + " must be >= 0, was " + weight);
            }
        }
    }

    public Profile {
        filters = List.copyOf(filters);
        scores = List.copyOf(scores);
    }

    /**
     * This profile with the named score plugin weighted {@code weight}.
     *
     * @throws IllegalArgumentException when the profile has no score plugin of that name
     */
    public Profile withWeight(String plugin, int weight) {
        List<WeightedScore> out = new ArrayList<>();
        boolean found = false;
        for (WeightedScore s : scores) {
            boolean match = s.plugin().name().equals(plugin);
            found |= match;
            out.add(match ? new WeightedScore(s.plugin(), weight) : s);
        }
        if (!found) {
            throw new IllegalArgumentException("no score plugin named " + plugin + "; known: "
                    + scores.stream().map(s -> s.plugin().name()).toList());
        }
        return new Profile(filters, out);
    }

    /** The weight of the named score plugin, 0 when absent. */
    public int weight(String plugin) {
        return scores.stream().filter(s -> s.plugin().name().equals(plugin)).mapToInt(WeightedScore::weight).sum();
    }
}
