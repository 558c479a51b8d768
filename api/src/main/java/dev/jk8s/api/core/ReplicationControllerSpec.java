package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.Map;

/**
 * How many pods ({@code replicas}, default 1), which ones ({@code selector}: a plain map of labels
 * that must all match, not a LabelSelector; defaults to the template's labels), and from what
 * {@code template}. Unlike a ReplicaSet's, the selector may change (as in Kubernetes): the
 * controller then releases the pods that stop matching and adopts those that start to.
 * {@code selector} and {@code template} are never null; an empty selector means absent.
 */
public record ReplicationControllerSpec(Integer replicas, Integer minReadySeconds, Map<String, String> selector,
                                        PodTemplateSpec template) {

    public static final ReplicationControllerSpec EMPTY = new ReplicationControllerSpec(null, null, null, null);

    public ReplicationControllerSpec {
        selector = Values.map(selector);
        template = template == null ? new PodTemplateSpec(null, null) : template;
    }

    public ReplicationControllerSpec withReplicas(Integer replicas) {
        return new ReplicationControllerSpec(replicas, minReadySeconds, selector, template);
    }

    public ReplicationControllerSpec withSelector(Map<String, String> selector) {
        return new ReplicationControllerSpec(replicas, minReadySeconds, selector, template);
    }

    public ReplicationControllerSpec withTemplate(PodTemplateSpec template) {
        return new ReplicationControllerSpec(replicas, minReadySeconds, selector, template);
    }
}
