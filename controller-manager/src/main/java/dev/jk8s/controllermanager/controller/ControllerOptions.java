package dev.jk8s.controllermanager.controller;

import java.time.Duration;

/**
 * Settings some controllers read, with Kubernetes' defaults: how long a node may go without
 * renewing its Lease before it counts as unreachable (40 s), how long pods without a toleration of
 * their own stay on an unreachable or not-ready node (300 s, what Kubernetes' DefaultTolerationSeconds
 * gives them), how many pods per second may be evicted (10), and the cluster CA the token
 * controller puts into ServiceAccount token Secrets as {@code ca.crt} ({@code rootCa}, PEM; null: none).
 */
public record ControllerOptions(Duration nodeMonitorGracePeriod, Duration defaultTolerationSeconds,
                                double podEvictionsPerSecond, String rootCa) {

    public static final ControllerOptions DEFAULT = new ControllerOptions(Duration.ofSeconds(40), Duration.ofSeconds(300), 10,
            null);

    public ControllerOptions withRootCa(String pem) {
        return new ControllerOptions(nodeMonitorGracePeriod, defaultTolerationSeconds, podEvictionsPerSecond, pem);
    }
}
