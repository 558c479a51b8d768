package dev.jk8s.api.coordination;

import java.time.Duration;
import java.time.Instant;

/**
 * Who holds a lease ({@code holderIdentity}), since when ({@code acquireTime}), when it was last
 * renewed, for how long a renewal counts, and how often it changed hands.
 */
public record LeaseSpec(String holderIdentity, Integer leaseDurationSeconds, Instant acquireTime,
                        Instant renewTime, Integer leaseTransitions) {

    public static final LeaseSpec EMPTY = new LeaseSpec(null, null, null, null, null);

    /** Whether the lease has run out at {@code now}: never held, or not renewed in time. */
    public boolean isExpired(Instant now) {
        if (holderIdentity == null || holderIdentity.isEmpty() || renewTime == null || leaseDurationSeconds == null) {
            return true;
        }
        return now.isAfter(renewTime.plus(Duration.ofSeconds(leaseDurationSeconds)));
    }
}
