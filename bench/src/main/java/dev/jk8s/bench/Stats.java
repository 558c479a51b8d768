package dev.jk8s.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles by nearest rank (p99 of 60 values is the 60th smallest: the maximum) and medians. */
final class Stats {

    private Stats() {
    }

    static double percentile(Collection<Double> values, double p) {
        return percentileOfSorted(values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), p);
    }

    /** As {@link #percentile(Collection, double)}, of values already sorted (not copied: large samples). */
    static double percentileOfSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The median; the mean of the two middle values for an even count. */
    static double median(Collection<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** As {@link #median(Collection)}; leaves {@code values} as they are. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
