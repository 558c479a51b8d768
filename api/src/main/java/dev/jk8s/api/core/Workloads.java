package dev.jk8s.api.core;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.LabelValidation;
import dev.jk8s.api.validation.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Validation shared by the kinds that keep pods from a template (ReplicaSet, Deployment,
 * ReplicationController): replica counts, the selector and the pod template. It lives in the core
 * package because ReplicationController is a core kind, and the apps kinds already build on core.
 */
public final class Workloads {

    public static final Path SPEC = Path.of("spec");

    private Workloads() {
    }

    /**
     * Adds the errors of {@code spec.replicas}, {@code spec.minReadySeconds}, {@code spec.selector}
     * (required: null is "Required value"; empty, invalid) and {@code spec.template} (its labels
     * must match the selector; restartPolicy Always). {@code kind} is the lowercase kind, as it
     * appears in messages ("deployment").
     */
    public static void validate(Errors errs, Integer replicas, Integer minReadySeconds, LabelSelector selector,
                         PodTemplateSpec template, String kind) {
        counts(errs, replicas, minReadySeconds);
        boolean usable = selector(errs, SPEC.child("selector"), selector, kind);
        template(errs, SPEC.child("template"), template, usable ? selector : null);
    }

    /**
     * The same checks for a ReplicationController, whose selector is a plain label map: an empty
     * one is "Required value" (Kubernetes' ValidateNonEmptySelector), and a bad key or value is
     * reported under {@code spec.selector}, where the user wrote it (not {@code matchLabels}).
     */
    public static void validate(Errors errs, Integer replicas, Integer minReadySeconds, Map<String, String> selector,
                                PodTemplateSpec template) {
        counts(errs, replicas, minReadySeconds);
        Path p = SPEC.child("selector");
        int before = errs.list().size();
        if (errs.required(p, selector.isEmpty() ? null : selector)) {
            LabelValidation.labels(errs, p, selector);
        }
        boolean usable = errs.list().size() == before;
        template(errs, SPEC.child("template"), template, usable ? LabelSelector.of(selector) : null);
    }

    private static void counts(Errors errs, Integer replicas, Integer minReadySeconds) {
        errs.nonNegative(SPEC.child("replicas"), replicas);
        errs.nonNegative(SPEC.child("minReadySeconds"), minReadySeconds);
    }

    /**
     * The selector decides which pods the controller owns; changing it would orphan the pods it
     * made and adopt others, so Kubernetes forbids it.
     */
    public static List<FieldError> selectorUnchanged(LabelSelector selector, LabelSelector old) {
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
