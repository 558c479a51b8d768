package dev.jk8s.api.apps;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.core.PodSpecValidation;
import dev.jk8s.api.core.PodTemplateSpec;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.LabelValidation;
import dev.jk8s.api.validation.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Validation shared by ReplicaSets and Deployments: replica counts, the selector and the pod template. */
final class Workloads {

    static final Path SPEC = Path.of("spec");

    private Workloads() {
    }

    /** {@code kind} is the lowercase kind, as it appears in messages ("deployment"). */
    static void validate(Errors errs, Integer replicas, Integer minReadySeconds, LabelSelector selector,
                         PodTemplateSpec template, String kind) {
        errs.nonNegative(SPEC.child("replicas"), replicas);
        errs.nonNegative(SPEC.child("minReadySeconds"), minReadySeconds);
        boolean usable = selector(errs, SPEC.child("selector"), selector, kind);
        template(errs, SPEC.child("template"), template, usable ? selector : null);
    }

    /**
     * The selector decides which pods the controller owns; changing it would orphan the pods it
     * made and adopt others, so Kubernetes forbids it.
     */
    static List<FieldError> selectorUnchanged(LabelSelector selector, LabelSelector old) {
        Errors errs = new Errors();
        if (!Objects.equals(selector, old)) {
            errs.invalid(SPEC.child("selector"), describe(selector), "field is immutable");
        }
        return errs.list();
    }

    private static boolean selector(Errors errs, Path p, LabelSelector selector, String kind) {
        if (!errs.required(p, selector)) {
            return false;
        }
        if (selector.isEmpty()) {
            errs.invalid(p, "{}", "empty selector is invalid for " + kind);
            return false;
        }
        return LabelValidation.selector(errs, p, selector);
    }

    /** {@code selector} is null when it is missing or invalid, so that it cannot be matched. */
    private static void template(Errors errs, Path p, PodTemplateSpec template, LabelSelector selector) {
        Path labels = p.child("metadata").child("labels");
        Map<String, String> templateLabels = template.metadata().labels();
        LabelValidation.labels(errs, labels, templateLabels);
        if (selector != null && !selector.matches(templateLabels)) {
            errs.invalid(labels, describe(templateLabels), "`selector` does not match template `labels`");
        }
        Path spec = p.child("spec");
        PodSpecValidation.validate(errs, spec, template.spec());
        // a controller replaces pods that exit, so a template pod that stops on its own would flap
        String restart = template.spec().restartPolicy();
        if (PodSpecValidation.RESTART_POLICIES.contains(restart)) {
            errs.oneOf(spec.child("restartPolicy"), restart, List.of("Always"));
        }
    }

    static String describe(LabelSelector s) {
        if (s == null) {
            return "";
        }
        String labels = describe(s.matchLabels());
        String exprs = s.matchExpressions().stream()
                .map(r -> r.key() + " " + r.operator() + " " + r.values())
                .collect(Collectors.joining(","));
        return labels.isEmpty() || exprs.isEmpty() ? labels + exprs : labels + "," + exprs;
    }

    private static String describe(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
