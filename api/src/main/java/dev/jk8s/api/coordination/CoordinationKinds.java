package dev.jk8s.api.coordination;

import dev.jk8s.api.Kind;

/** The kinds of the {@code coordination.k8s.io} group. */
public final class CoordinationKinds {

    public static final Kind<Lease> LEASE = Kind.builder(Lease.class, "coordination.k8s.io/v1", "Lease", "leases")
            .validator(Leases::validate)
            .build();

    private CoordinationKinds() {
    }
}
