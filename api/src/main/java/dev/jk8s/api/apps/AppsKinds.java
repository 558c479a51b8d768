package dev.jk8s.api.apps;

import dev.jk8s.api.Kind;
import dev.jk8s.api.validation.Validator;

/** The kinds of the {@code apps} group ({@code apiVersion: apps/v1}). */
public final class AppsKinds {

    public static final Kind<ReplicaSet> REPLICA_SET =
            Kind.builder(ReplicaSet.class, "apps/v1", "ReplicaSet", "replicasets")
                    .shortNames("rs").withStatus(ReplicaSet::status, ReplicaSet::withStatus)
                    .defaulter(ReplicaSets::defaults)
                    .validator(Validator.withUpdate(ReplicaSets::validate, ReplicaSets::validateUpdate))
                    .field("status.replicas", rs -> String.valueOf(rs.status().replicas() == null ? 0
                            : rs.status().replicas()))
                    .build();

    public static final Kind<Deployment> DEPLOYMENT =
            Kind.builder(Deployment.class, "apps/v1", "Deployment", "deployments")
                    .shortNames("deploy").withStatus(Deployment::status, Deployment::withStatus)
                    .defaulter(Deployments::defaults)
                    .validator(Validator.withUpdate(Deployments::validate, Deployments::validateUpdate))
                    .build();

    private AppsKinds() {
    }
}
