package dev.jk8s.client.workqueue;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff: the n-th consecutive failure (counting from 0) waits
 * {@code base * 2^n}, never more than {@code max}. Immutable and thread-safe.
 *
 * <p>{@link #DEFAULT} is client-go's per-item controller backoff: 5 ms doubling up to 1000 s,
 * so a key that keeps failing is retried quickly at first and then roughly every 17 minutes.
 */
public record Backoff(Duration base, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(5), Duration.ofSeconds(1000));

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max, got base " + base + ", max " + max);
        }
    }

    /** The wait after {@code failures} earlier consecutive failures (0 for the first retry). */
    public Duration delay(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be >= 0, got " + failures);
        }
        // Compare before multiplying, so that a long run of failures cannot overflow.
        if (failures >= 62 || base.compareTo(max.dividedBy(1L << failures)) > 0) {
            return max;
        }
        return base.multipliedBy(1L << failures);
    }
}
