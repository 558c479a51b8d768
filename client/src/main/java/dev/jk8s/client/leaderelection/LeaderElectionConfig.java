package dev.jk8s.client.leaderelection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Which lease to compete for, as whom, and the timing, with Kubernetes' defaults and rules.
 * Immutable.
 *
 * @param namespace     the lease's namespace, e.g. {@code kube-system}
 * @param name          the lease's name, by convention the component's, e.g. {@code jk8s-scheduler}
 * @param identity      this candidate's unique identity; {@link #defaultIdentity()} is host plus a random part
 * @param leaseDuration how long followers wait after the last renewal before taking over
 *                      (written as whole seconds, rounded up)
 * @param renewDeadline how long the leader keeps trying to renew before it steps down; shorter
 *                      than the lease, so that it stops before anyone else may start
 * @param retryPeriod   the pause between attempts to acquire or renew
 */
public record LeaderElectionConfig(String namespace, String name, String identity,
                                   Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);

    public LeaderElectionConfig {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("leader election for lease " + namespace + "/" + name
                    + " needs a non-empty identity; use LeaderElectionConfig.defaultIdentity()");
        }
        if (retryPeriod.isNegative() || retryPeriod.isZero() || renewDeadline.compareTo(retryPeriod) <= 0
                || leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leader election needs leaseDuration > renewDeadline > retryPeriod > 0, got "
                    + leaseDuration + ", " + renewDeadline + ", " + retryPeriod);
        }
    }

    /** The default timing: 15 s lease, 10 s renew deadline, 2 s retry period. */
    public static LeaderElectionConfig of(String namespace, String name, String identity) {
        return new LeaderElectionConfig(namespace, name, identity,
                DEFAULT_LEASE_DURATION, DEFAULT_RENEW_DEADLINE, DEFAULT_RETRY_PERIOD);
    }

    public LeaderElectionConfig withTiming(Duration lease, Duration renew, Duration retry) {
        return new LeaderElectionConfig(namespace, name, identity, lease, renew, retry);
    }

    /** {@code leaseDuration} in whole seconds, as the lease records it. */
    public int leaseDurationSeconds() {
        return (int) Math.max(1, (leaseDuration.toMillis() + 999) / 1000);
    }

    /** {@code <hostname>_<random uuid>}, unique per process as Kubernetes components make it. */
    public static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "_" + UUID.randomUUID();
    }
}
