package dev.jk8s.api.apps;

import dev.jk8s.api.IntOrString;

/**
 * Bounds of a rolling update, each a count or a percentage of the desired replicas: how many
 * pods may be unavailable ({@code maxUnavailable}, rounded down) and how many may exceed the
 * desired count ({@code maxSurge}, rounded up). Both default to 25%; they may not both be 0.
 */
public record RollingUpdateDeployment(IntOrString maxUnavailable, IntOrString maxSurge) {
}
