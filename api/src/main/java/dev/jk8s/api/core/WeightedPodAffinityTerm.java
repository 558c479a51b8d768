package dev.jk8s.api.core;

/** A preferred inter-pod (anti-)affinity term with its {@code weight} (1..100). */
public record WeightedPodAffinityTerm(Integer weight, PodAffinityTerm podAffinityTerm) {
}
