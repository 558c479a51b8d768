package dev.jk8s.api.coordination;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;

/**
 * A lock with a time limit, for leader election: the holder renews it; others take it over once
 * {@code renewTime + leaseDurationSeconds} has passed. Every change is a compare-and-swap on the
 * resourceVersion, so two candidates cannot both win. {@code spec} is never null.
 */
public record Lease(String apiVersion, String kind, ObjectMeta metadata, LeaseSpec spec) implements ApiObject {

    public Lease {
        apiVersion = "coordination.k8s.io/v1";
        kind = "Lease";
        spec = spec == null ? LeaseSpec.EMPTY : spec;
    }

    public Lease(ObjectMeta metadata, LeaseSpec spec) {
        this(null, null, metadata, spec);
    }

    @Override
    public Lease withMetadata(ObjectMeta metadata) {
        return new Lease(apiVersion, kind, metadata, spec);
    }

    public Lease withSpec(LeaseSpec spec) {
        return new Lease(apiVersion, kind, metadata, spec);
    }
}
