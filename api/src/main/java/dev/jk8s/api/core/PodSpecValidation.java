package dev.jk8s.api.core;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.LabelValidation;
import dev.jk8s.api.validation.Names;
import dev.jk8s.api.validation.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Validation of a (defaulted) pod spec, for Pods and for the templates of ReplicaSets and
 * Deployments. Reports every failing field, with paths under the given prefix
 * ({@code spec.template.spec.containers[0].image}). Pure.
 */
public final class PodSpecValidation {

    public static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");

    private PodSpecValidation() {
    }

    public static List<FieldError> validate(PodSpec spec, Path path) {
        Errors errs = new Errors();
        validate(errs, path, spec);
        return errs.list();
    }

    public static void validate(Errors errs, Path path, PodSpec spec) {
        Set<String> volumes = VolumeValidation.volumes(errs, path.child("volumes"), spec.volumes());
        if (spec.containers().isEmpty()) {
            errs.add(path.child("containers"), "Required value");
        }
        // container names are unique across both lists: logs, exec and status all address containers by name
        Set<String> names = new HashSet<>();
        ContainerValidation.containers(errs, path.child("containers"), spec.containers(), volumes, names, false);
        ContainerValidation.containers(errs, path.child("initContainers"), spec.initContainers(), volumes, names, true);
        errs.oneOf(path.child("restartPolicy"), spec.restartPolicy(), RESTART_POLICIES);
        errs.oneOf(path.child("dnsPolicy"), spec.dnsPolicy(), DNS_POLICIES);
        errs.nonNegative(path.child("terminationGracePeriodSeconds"), spec.terminationGracePeriodSeconds());
        errs.positive(path.child("activeDeadlineSeconds"), spec.activeDeadlineSeconds());
        LabelValidation.labels(errs, path.child("nodeSelector"), spec.nodeSelector());
        names(errs, path, spec);
        tolerations(errs, path.child("tolerations"), spec.tolerations());
        AffinityValidation.affinity(errs, path.child("affinity"), spec.affinity());
    }

    private static void names(Errors errs, Path path, PodSpec spec) {
        errs.dnsLabel(path.child("hostname"), emptyToNull(spec.hostname()));
        errs.dnsLabel(path.child("subdomain"), emptyToNull(spec.subdomain()));
        errs.dnsSubdomain(path.child("serviceAccountName"), emptyToNull(spec.serviceAccountName()));
        errs.dnsSubdomain(path.child("nodeName"), emptyToNull(spec.nodeName()));
    }

    private static void tolerations(Errors errs, Path path, List<Toleration> tolerations) {
        for (int i = 0; i < tolerations.size(); i++) {
            toleration(errs, path.index(i), tolerations.get(i));
        }
    }

    private static void toleration(Errors errs, Path p, Toleration t) {
        boolean exists = "Exists".equals(t.operator());
        errs.oneOf(p.child("operator"), emptyToNull(t.operator()), List.of("Equal", "Exists"));
        if (isEmpty(t.key()) && !exists) {
            errs.invalid(p.child("operator"), Objects.toString(t.operator(), ""),
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
        } else if (!isEmpty(t.key())) {
            Names.qualifiedNameError(t.key()).ifPresent(why -> errs.invalid(p.child("key"), t.key(), why));
        }
        if (exists && !isEmpty(t.value())) {
            errs.invalid(p.child("value"), t.value(), "value must be empty when `operator` is 'Exists'");
        }
        errs.oneOf(p.child("effect"), emptyToNull(t.effect()), Taint.EFFECTS);
        if (t.tolerationSeconds() != null && !Taint.NO_EXECUTE.equals(t.effect())) {
            errs.invalid(p.child("effect"), Objects.toString(t.effect(), ""),
                    "effect must be 'NoExecute' when `tolerationSeconds` is set");
        }
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    static String emptyToNull(String s) {
        return isEmpty(s) ? null : s;
    }
}
