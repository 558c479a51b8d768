package dev.jk8s.api.core;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;

/**
 * A group of containers that share a network namespace and volumes and run on one node.
 * Users write {@code spec}; the scheduler sets {@code spec.nodeName}; the kubelet writes
 * {@code status}. Neither spec nor status is ever null (absent means empty).
 */
public record Pod(String apiVersion, String kind, ObjectMeta metadata, PodSpec spec, PodStatus status)
        implements ApiObject {

    /**
     * Set by the scheduler on a pod it could not place: one line per node, {@code node: reason},
     * the filter that rejected the pod there (at most 50 nodes); removed when the pod is bound.
     */
    public static final String NODE_VERDICTS_ANNOTATION = "scheduler.jk8s.dev/node-verdicts";

    public Pod {
        apiVersion = "v1";
        kind = "Pod";
        spec = spec == null ? PodSpec.EMPTY : spec;
        status = status == null ? PodStatus.EMPTY : status;
    }

    public Pod(ObjectMeta metadata, PodSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public Pod withMetadata(ObjectMeta metadata) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    public Pod withSpec(PodSpec spec) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    public Pod withStatus(PodStatus status) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }
}
