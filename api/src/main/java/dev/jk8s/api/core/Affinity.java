package dev.jk8s.api.core;

/**
 * A pod's scheduling preferences and requirements relative to node labels ({@code nodeAffinity})
 * and to other pods ({@code podAffinity}: be near them, {@code podAntiAffinity}: stay away). Any
 * part may be null (absent). Kubernetes' field names and shapes, so documentation manifests decode
 * unchanged; validation is in {@link AffinityValidation}.
 */
public record Affinity(NodeAffinity nodeAffinity, PodAffinity podAffinity, PodAffinity podAntiAffinity) {
}
