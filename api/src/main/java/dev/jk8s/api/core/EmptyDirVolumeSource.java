package dev.jk8s.api.core;

import dev.jk8s.api.Quantity;

/** A directory that lives as long as the pod: on the node's disk, or in memory when {@code medium} is Memory. */
public record EmptyDirVolumeSource(String medium, Quantity sizeLimit) {
}
