package dev.jk8s.api.apps;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;

/**
 * Declarative updates of a set of pods: the Deployment controller makes one ReplicaSet per
 * template revision and moves replicas between them by {@code spec.strategy}. Spec and status are
 * never null.
 */
public record Deployment(String apiVersion, String kind, ObjectMeta metadata, DeploymentSpec spec,
                         DeploymentStatus status)
        implements ApiObject {

    public Deployment {
        apiVersion = "apps/v1";
        kind = "Deployment";
        spec = spec == null ? DeploymentSpec.EMPTY : spec;
        status = status == null ? DeploymentStatus.EMPTY : status;
    }

    public Deployment(ObjectMeta metadata, DeploymentSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public Deployment withMetadata(ObjectMeta metadata) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }

    public Deployment withSpec(DeploymentSpec spec) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }

    public Deployment withStatus(DeploymentStatus status) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }
}
