package dev.jk8s.api.validation;

import dev.jk8s.api.LabelSelector;
import java.util.List;
import java.util.Map;

/** Checks label maps (metadata, node selectors, service selectors) and structured label selectors. */
public final class LabelValidation {

    private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    private LabelValidation() {
    }

    /** Keys must be qualified names and values valid label values; a key error names the map's path. */
    public static void labels(Errors errs, Path path, Map<String, String> labels) {
        labels.forEach((k, v) -> {
            Names.qualifiedNameError(k).ifPresent(why -> errs.invalid(path, k, why));
            if (v == null) {
                errs.invalid(path.key(k), null, "a label value must be a string; write \"\" for an empty value");
            } else {
                Names.labelValueError(v).ifPresent(why -> errs.invalid(path.key(k), v, why));
            }
        });
    }

    /**
     * Checks a selector's labels and requirements; returns whether it is well-formed, i.e. whether
     * it can be evaluated with {@link LabelSelector#matches}.
     */
    public static boolean selector(Errors errs, Path path, LabelSelector selector) {
        Errors own = new Errors();
        labels(own, path.child("matchLabels"), selector.matchLabels());
        List<LabelSelector.Requirement> reqs = selector.matchExpressions();
        for (int i = 0; i < reqs.size(); i++) {
            requirement(own, path.child("matchExpressions").index(i), reqs.get(i));
        }
        errs.addAll(own.list());
        return own.isEmpty();
    }

    private static void requirement(Errors errs, Path path, LabelSelector.Requirement r) {
        if (errs.required(path.child("key"), r.key())) {
            Names.qualifiedNameError(r.key()).ifPresent(why -> errs.invalid(path.child("key"), r.key(), why));
        }
        if (!errs.required(path.child("operator"), r.operator())) {
            return;
        }
        errs.oneOf(path.child("operator"), r.operator(), OPERATORS);
        boolean needsValues = r.operator().equals("In") || r.operator().equals("NotIn");
        if (needsValues && r.values().isEmpty()) {
            errs.add(path.child("values"), "Required value: must be specified when `operator` is 'In' or 'NotIn'");
        } else if (!needsValues && !r.values().isEmpty() && OPERATORS.contains(r.operator())) {
            errs.add(path.child("values"),
                    "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
        }
    }
}
