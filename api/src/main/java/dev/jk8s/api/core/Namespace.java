package dev.jk8s.api.core;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;

/**
 * A cluster-scoped scope for names: every namespaced object lives in one. Its name is an RFC 1123
 * label. Spec and status are never null; {@code status.phase} defaults to Active.
 */
public record Namespace(String apiVersion, String kind, ObjectMeta metadata, NamespaceSpec spec, NamespaceStatus status)
        implements ApiObject {

    public Namespace {
        apiVersion = "v1";
        kind = "Namespace";
        spec = spec == null ? NamespaceSpec.EMPTY : spec;
        status = status == null ? NamespaceStatus.EMPTY : status;
    }

    public Namespace(ObjectMeta metadata) {
        this(null, null, metadata, null, null);
    }

    @Override
    public Namespace withMetadata(ObjectMeta metadata) {
        return new Namespace(apiVersion, kind, metadata, spec, status);
    }

    public Namespace withSpec(NamespaceSpec spec) {
        return new Namespace(apiVersion, kind, metadata, spec, status);
    }

    public Namespace withStatus(NamespaceStatus status) {
        return new Namespace(apiVersion, kind, metadata, spec, status);
    }
}
