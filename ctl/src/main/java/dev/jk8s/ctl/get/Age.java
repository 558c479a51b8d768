package dev.jk8s.ctl.get;

import java.time.Duration;
import java.time.Instant;

/**
 * The AGE column: kubectl's {@code HumanDuration}, two significant units while they matter
 * ({@code 90s}, {@code 3m20s}, {@code 5h4m}, {@code 3d2h}), one unit beyond. Pure.
 */
public final class Age {

    private Age() {
    }

    /** The age of something created at {@code created}, seen at {@code now}; {@code <unknown>} without a time. */
    public static String since(Instant created, Instant now) {
        return created == null ? "<unknown>" : format(Duration.between(created, now));
    }

    public static String format(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return pair(minutes, "m", seconds % 60, "s");
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return pair(hours, "h", minutes % 60, "m");
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            return pair(hours / 24, "d", hours % 24, "h");
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            return pair(hours / 24 / 365, "y", (hours / 24) % 365, "d");
        }
        return hours / 24 / 365 + "y";
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
    }
}
