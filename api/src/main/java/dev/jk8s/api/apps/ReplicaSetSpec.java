package dev.jk8s.api.apps;

import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.core.PodTemplateSpec;

/**
 * How many pods ({@code replicas}, default 1), which ones ({@code selector}, immutable), and from
 * what {@code template}, whose labels the selector must match. {@code template} is never null.
 */
public record ReplicaSetSpec(Integer replicas, Integer minReadySeconds, LabelSelector selector,
                             PodTemplateSpec template) {

    public static final ReplicaSetSpec EMPTY = new ReplicaSetSpec(null, null, null, null);

    public ReplicaSetSpec {
        template = template == null ? new PodTemplateSpec(null, null) : template;
    }

    public ReplicaSetSpec withReplicas(Integer replicas) {
        return new ReplicaSetSpec(replicas, minReadySeconds, selector, template);
    }

    public ReplicaSetSpec withTemplate(PodTemplateSpec template) {
        return new ReplicaSetSpec(replicas, minReadySeconds, selector, template);
    }
}
