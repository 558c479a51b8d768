package dev.jk8s.api.core;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * The pod addresses behind the Service of the same name, grouped into subsets that share ports.
 * Written by the endpoints controller, read by the proxy. {@code subsets} is never null.
 */
public record Endpoints(String apiVersion, String kind, ObjectMeta metadata, List<EndpointSubset> subsets)
        implements ApiObject {

    public Endpoints {
        apiVersion = "v1";
        kind = "Endpoints";
        subsets = Values.list(subsets);
    }

    public Endpoints(ObjectMeta metadata, List<EndpointSubset> subsets) {
        this(null, null, metadata, subsets);
    }

    @Override
    public Endpoints withMetadata(ObjectMeta metadata) {
        return new Endpoints(apiVersion, kind, metadata, subsets);
    }

    public Endpoints withSubsets(List<EndpointSubset> subsets) {
        return new Endpoints(apiVersion, kind, metadata, subsets);
    }
}
