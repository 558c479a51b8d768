package dev.jk8s.api.core;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;

/**
 * A stable virtual address ({@code spec.clusterIP}) and ports in front of the pods its selector
 * matches, or a DNS alias ({@code type: ExternalName}). The apiserver allocates the clusterIP and
 * node ports; the proxy programs them. Its name is an RFC 1123 label; spec and status are never null.
 */
public record Service(String apiVersion, String kind, ObjectMeta metadata, ServiceSpec spec, ServiceStatus status)
        implements ApiObject {

    public Service {
        apiVersion = "v1";
        kind = "Service";
        spec = spec == null ? ServiceSpec.EMPTY : spec;
        status = status == null ? ServiceStatus.EMPTY : status;
    }

    public Service(ObjectMeta metadata, ServiceSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public Service withMetadata(ObjectMeta metadata) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }

    public Service withSpec(ServiceSpec spec) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }

    public Service withStatus(ServiceStatus status) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }
}
