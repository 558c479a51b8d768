package dev.jk8s.apiserver.auth;

import dev.jk8s.api.ApiObject;

/**
 * One request as authorizers see it (Kubernetes' {@code authorizer.Attributes}): who, which verb
 * ({@code get list watch create update delete}), on what. {@code subresource} is {@code status}
 * for a status update and {@code log} for container logs, else empty; {@code namespace} is null
 * for cluster-scoped kinds and for lists across namespaces; {@code name} is null for list,
 * watch and create (as in Kubernetes). {@code object} is the object sent with a create or
 * update (null otherwise), for authorizers that restrict by content (a node may create only its
 * own Node). Immutable.
 */
public record Attributes(UserInfo user, String verb, String apiGroup, String resource, String subresource,
                         String namespace, String name, ApiObject object) {

    public Attributes {
        subresource = subresource == null ? "" : subresource;
        apiGroup = apiGroup == null ? "" : apiGroup;
    }

    /** {@code pods} or {@code pods/status}: the resource as rules and messages name it. */
    public String qualifiedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
