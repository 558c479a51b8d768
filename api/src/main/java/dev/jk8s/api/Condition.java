package dev.jk8s.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One condition in an object's status: whether {@code type} holds ({@code status} is
 * {@value #TRUE}, {@value #FALSE} or {@value #UNKNOWN}), since when, and why.
 *
 * <p>Kubernetes gives pods, nodes, replica sets and deployments each their own condition type;
 * they differ only in one extra timestamp: pods have {@code lastProbeTime}, nodes
 * {@code lastHeartbeatTime}, deployments {@code lastUpdateTime}. This record is their union, so
 * that condition handling is written once. A writer sets only the timestamps its kind has; unset
 * fields are left out of the encoding, so the wire form is exactly Kubernetes'.
 */
public record Condition(String type, String status, Instant lastProbeTime, Instant lastHeartbeatTime,
                        Instant lastUpdateTime, Instant lastTransitionTime, String reason, String message) {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    /** A condition that changed to {@code status} at {@code now}. */
    public static Condition of(String type, String status, String reason, String message, Instant now) {
        return new Condition(type, status, null, null, null, now, reason, message);
    }

    /** The condition of the given type in a status' list, if present. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        for (Condition c : conditions) { // a loop, not a stream: the scheduler asks this per node per pod
            if (type.equals(c.type())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public boolean isTrue() {
        return TRUE.equals(status);
    }
}
