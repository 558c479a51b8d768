package dev.jk8s.api.apps;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;

/**
 * Keeps {@code spec.replicas} pods matching {@code spec.selector} running, creating them from
 * {@code spec.template}. Usually owned by a Deployment. Spec and status are never null.
 */
public record ReplicaSet(String apiVersion, String kind, ObjectMeta metadata, ReplicaSetSpec spec,
                         ReplicaSetStatus status)
        implements ApiObject {

    public ReplicaSet {
        apiVersion = "apps/v1";
        kind = "ReplicaSet";
        spec = spec == null ? ReplicaSetSpec.EMPTY : spec;
        status = status == null ? ReplicaSetStatus.EMPTY : status;
    }

    public ReplicaSet(ObjectMeta metadata, ReplicaSetSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public ReplicaSet withMetadata(ObjectMeta metadata) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status);
    }

    public ReplicaSet withSpec(ReplicaSetSpec spec) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status);
    }

    public ReplicaSet withStatus(ReplicaSetStatus status) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status);
    }
}
