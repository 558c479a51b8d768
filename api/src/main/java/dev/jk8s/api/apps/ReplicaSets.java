package dev.jk8s.api.apps;

import static dev.jk8s.api.Values.or;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.core.PodSpecDefaults;
import dev.jk8s.api.core.Workloads;
import dev.jk8s.api.validation.Errors;
import java.util.List;

/** Defaults and validation of ReplicaSets. */
final class ReplicaSets {

    private ReplicaSets() {
    }

    static ReplicaSet defaults(ReplicaSet rs) {
        ReplicaSetSpec s = rs.spec();
        return rs.withSpec(new ReplicaSetSpec(or(s.replicas(), 1), s.minReadySeconds(), s.selector(),
                PodSpecDefaults.apply(s.template())));
    }

    static List<FieldError> validate(ReplicaSet rs) {
        Errors errs = new Errors();
        ReplicaSetSpec s = rs.spec();
        Workloads.validate(errs, s.replicas(), s.minReadySeconds(), s.selector(), s.template(), "replicaset");
        return errs.list();
    }

    static List<FieldError> validateUpdate(ReplicaSet rs, ReplicaSet old) {
        return Workloads.selectorUnchanged(rs.spec().selector(), old.spec().selector());
    }
}
