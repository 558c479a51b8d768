package dev.jk8s.kubelet.pod;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential back-off per key (a pod's container, or its image): after each attempt the next
 * one waits twice as long, from {@code initial} up to {@code max}, counted from the attempt.
 * A key left alone for twice {@code max} starts over, as Kubernetes' kubelet does. Thread-safe;
 * in memory only (a restarted kubelet starts every back-off over).
 */
public final class RestartBackoff {

    private final Duration initial;
    private final Duration max;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Instant last, Duration delay) {
    }

    public RestartBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
    }

    /** When {@code key} may be tried again, counting the delay from its last attempt; empty when it may be tried now. */
    public Optional<Instant> blockedUntil(String key, Instant now) {
        return blockedUntil(key, null, now);
    }

    /**
     * When {@code key} may be tried again, counting the delay from {@code since} (e.g. when a
     * restarted container ended again, as Kubernetes counts), or from the last attempt when null.
     */
    public Optional<Instant> blockedUntil(String key, Instant since, Instant now) {
        Entry e = current(key, now);
        if (e == null) {
            return Optional.empty();
        }
        Instant until = (since == null ? e.last : since).plus(e.delay);
        return now.isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    /** The delay the last attempt of {@code key} started (what "back-off 20s" reports), if any. */
    public Optional<Duration> delay(String key, Instant now) {
        return Optional.ofNullable(current(key, now)).map(Entry::delay);
    }

    /** Records an attempt at {@code now}: the next one must wait the following delay. */
    public void attempted(String key, Instant now) {
        entries.compute(key, (k, e) -> {
            Entry live = e == null || expired(e, now) ? null : e;
            Duration next = live == null ? initial : min(live.delay.multipliedBy(2), max);
            return new Entry(now, next);
        });
    }

    /** Forgets every key starting with {@code prefix} (a pod's, once it is gone). */
    public void forgetPrefix(String prefix) {
        entries.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private Entry current(String key, Instant now) {
        Entry e = entries.get(key);
        return e == null || expired(e, now) ? null : e;
    }

    private boolean expired(Entry e, Instant now) {
        return Duration.between(e.last, now).compareTo(max.multipliedBy(2)) > 0;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
