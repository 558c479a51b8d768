package dev.jk8s.api.core;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;

/**
 * The core group's older ReplicaSet: keeps {@code spec.replicas} pods matching {@code spec.selector}
 * (a plain label map) running, creating them from {@code spec.template}. The ReplicaSet controller
 * serves it too. Spec and status are never null.
 */
public record ReplicationController(String apiVersion, String kind, ObjectMeta metadata,
                                    ReplicationControllerSpec spec, ReplicationControllerStatus status)
        implements ApiObject {

    public ReplicationController {
        apiVersion = "v1";
        kind = "ReplicationController";
        spec = spec == null ? ReplicationControllerSpec.EMPTY : spec;
        status = status == null ? ReplicationControllerStatus.EMPTY : status;
    }

    public ReplicationController(ObjectMeta metadata, ReplicationControllerSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public ReplicationController withMetadata(ObjectMeta metadata) {
        return new ReplicationController(apiVersion, kind, metadata, spec, status);
    }

    public ReplicationController withSpec(ReplicationControllerSpec spec) {
        return new ReplicationController(apiVersion, kind, metadata, spec, status);
    }

    public ReplicationController withStatus(ReplicationControllerStatus status) {
        return new ReplicationController(apiVersion, kind, metadata, spec, status);
    }
}
