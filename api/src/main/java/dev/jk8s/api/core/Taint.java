package dev.jk8s.api.core;

import java.time.Instant;
import java.util.List;

/**
 * Marks a node so that pods without a matching {@link Toleration} are kept off it: not scheduled
 * ({@value #NO_SCHEDULE}), avoided ({@value #PREFER_NO_SCHEDULE}) or also evicted
 * ({@value #NO_EXECUTE}). {@code timeAdded} is set for NoExecute taints.
 */
public record Taint(String key, String value, String effect, Instant timeAdded) {

    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";
    public static final List<String> EFFECTS = List.of(NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE);

    public static Taint of(String key, String value, String effect) {
        return new Taint(key, value, effect, null);
    }
}
