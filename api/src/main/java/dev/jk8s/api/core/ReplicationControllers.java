package dev.jk8s.api.core;

import static dev.jk8s.api.Values.or;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.validation.Errors;
import java.util.List;
import java.util.Map;

/** Defaults and validation of ReplicationControllers, as Kubernetes' core/v1. */
final class ReplicationControllers {

    private ReplicationControllers() {
    }

    /**
     * replicas 1; an absent selector, and absent object labels, become the template's labels
     * (Kubernetes' SetDefaults_ReplicationController), so that a manifest may name its labels once.
     */
    static ReplicationController defaults(ReplicationController rc) {
        ReplicationControllerSpec s = rc.spec();
        Map<String, String> templateLabels = s.template().metadata().labels();
        Map<String, String> selector = s.selector().isEmpty() ? templateLabels : s.selector();
        ReplicationController out = rc.withSpec(new ReplicationControllerSpec(or(s.replicas(), 1), s.minReadySeconds(),
                selector, PodSpecDefaults.apply(s.template())));
        return rc.metadata().labels().isEmpty() && !templateLabels.isEmpty()
                ? out.withMetadata(rc.metadata().withLabels(templateLabels)) : out;
    }

    /**
     * The checks ReplicaSets get ({@link Workloads}), for a map selector. No update rule: unlike a
     * ReplicaSet's, the selector may change, as in Kubernetes.
     */
    static List<FieldError> validate(ReplicationController rc) {
        Errors errs = new Errors();
        ReplicationControllerSpec s = rc.spec();
        Workloads.validate(errs, s.replicas(), s.minReadySeconds(), s.selector(), s.template());
        return errs.list();
    }
}
