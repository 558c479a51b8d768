package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/**
 * Inter-pod affinity or anti-affinity; the same shape serves {@code spec.affinity.podAffinity} and
 * {@code spec.affinity.podAntiAffinity} (Kubernetes' PodAffinity and PodAntiAffinity). Required
 * terms must all hold on a node; preferred terms add (affinity) or subtract (anti-affinity) their
 * weight. Lists are never null.
 */
public record PodAffinity(List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution,
                          List<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution) {

    public PodAffinity {
        requiredDuringSchedulingIgnoredDuringExecution = Values.list(requiredDuringSchedulingIgnoredDuringExecution);
        preferredDuringSchedulingIgnoredDuringExecution = Values.list(preferredDuringSchedulingIgnoredDuringExecution);
    }
}
