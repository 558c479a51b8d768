package dev.jk8s.api.core;

import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.LabelValidation;
import dev.jk8s.api.validation.Names;
import dev.jk8s.api.validation.Path;
import java.util.List;

/**
 * Validation of {@code spec.affinity} with Kubernetes' rules and messages: known operators, values
 * as the operator needs them (Gt and Lt: exactly one integer), weights 1..100, a topologyKey on
 * every pod affinity term, well-formed label selectors. Pure; paths under the given prefix.
 */
final class AffinityValidation {

    private static final String REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution";
    private static final String PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution";

    private AffinityValidation() {
    }

    static void affinity(Errors errs, Path path, Affinity affinity) {
        if (affinity == null) {
            return;
        }
        if (affinity.nodeAffinity() != null) {
            nodeAffinity(errs, path.child("nodeAffinity"), affinity.nodeAffinity());
        }
        podAffinity(errs, path.child("podAffinity"), affinity.podAffinity());
        podAffinity(errs, path.child("podAntiAffinity"), affinity.podAntiAffinity());
    }

    private static void nodeAffinity(Errors errs, Path path, NodeAffinity na) {
        NodeSelector required = na.requiredDuringSchedulingIgnoredDuringExecution();
        if (required != null) {
            Path terms = path.child(REQUIRED).child("nodeSelectorTerms");
            if (required.nodeSelectorTerms().isEmpty()) {
                errs.add(terms, "Required value: must have at least one node selector term");
            }
            for (int i = 0; i < required.nodeSelectorTerms().size(); i++) {
                term(errs, terms.index(i), required.nodeSelectorTerms().get(i));
            }
        }
        List<PreferredSchedulingTerm> preferred = na.preferredDuringSchedulingIgnoredDuringExecution();
        for (int i = 0; i < preferred.size(); i++) {
            Path p = path.child(PREFERRED).index(i);
            weight(errs, p.child("weight"), preferred.get(i).weight());
            term(errs, p.child("preference"), preferred.get(i).preference());
        }
    }

    private static void term(Errors errs, Path path, NodeSelectorTerm term) {
        if (term == null) {
            return;
        }
        for (int i = 0; i < term.matchExpressions().size(); i++) {
            labelRequirement(errs, path.child("matchExpressions").index(i), term.matchExpressions().get(i));
        }
        for (int i = 0; i < term.matchFields().size(); i++) {
            fieldRequirement(errs, path.child("matchFields").index(i), term.matchFields().get(i));
        }
    }

    private static void labelRequirement(Errors errs, Path path, NodeSelectorRequirement r) {
        if (errs.required(path.child("key"), r.key())) {
            Names.qualifiedNameError(r.key()).ifPresent(why -> errs.invalid(path.child("key"), r.key(), why));
        }
        if (!errs.required(path.child("operator"), r.operator())) {
            return;
        }
        Path values = path.child("values");
        switch (r.operator()) {
            case "In", "NotIn" -> {
                if (r.values().isEmpty()) {
                    errs.add(values, "Required value: must be specified when `operator` is 'In' or 'NotIn'");
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!r.values().isEmpty()) {
                    errs.forbidden(values, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }
            }
            case "Gt", "Lt" -> integerValue(errs, values, r.values());
            default -> errs.invalid(path.child("operator"), r.operator(), "not a valid selector operator");
        }
    }

    private static void integerValue(Errors errs, Path path, List<String> values) {
        if (values.size() != 1) {
            errs.add(path, "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'");
        } else if (!isInteger(values.get(0))) {
            errs.invalid(path.index(0), values.get(0), "must be an integer when `operator` is 'Lt' or 'Gt'");
        }
    }

    private static boolean isInteger(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Node fields: only {@code metadata.name}, with In or NotIn and exactly one value. */
    private static void fieldRequirement(Errors errs, Path path, NodeSelectorRequirement r) {
        if (!"metadata.name".equals(r.key())) {
            errs.invalid(path.child("key"), r.key() == null ? "" : r.key(), "not a valid field selector key");
        }
        if (!"In".equals(r.operator()) && !"NotIn".equals(r.operator())) {
            errs.invalid(path.child("operator"), r.operator() == null ? "" : r.operator(), "not a valid selector operator");
        } else if (r.values().size() != 1) {
            errs.add(path.child("values"),
                    "Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
        }
    }

    private static void podAffinity(Errors errs, Path path, PodAffinity pa) {
        if (pa == null) {
            return;
        }
        List<PodAffinityTerm> required = pa.requiredDuringSchedulingIgnoredDuringExecution();
        for (int i = 0; i < required.size(); i++) {
            podAffinityTerm(errs, path.child(REQUIRED).index(i), required.get(i));
        }
        List<WeightedPodAffinityTerm> preferred = pa.preferredDuringSchedulingIgnoredDuringExecution();
        for (int i = 0; i < preferred.size(); i++) {
            Path p = path.child(PREFERRED).index(i);
            weight(errs, p.child("weight"), preferred.get(i).weight());
            podAffinityTerm(errs, p.child("podAffinityTerm"), preferred.get(i).podAffinityTerm());
        }
    }

    private static void podAffinityTerm(Errors errs, Path path, PodAffinityTerm term) {
        PodAffinityTerm t = term == null ? new PodAffinityTerm(null, null, null, null) : term;
        selector(errs, path.child("labelSelector"), t.labelSelector());
        selector(errs, path.child("namespaceSelector"), t.namespaceSelector());
        for (int i = 0; i < t.namespaces().size(); i++) {
            errs.dnsLabel(path.child("namespaces").index(i), t.namespaces().get(i));
        }
        if (t.topologyKey() == null || t.topologyKey().isEmpty()) {
            errs.add(path.child("topologyKey"), "Required value: can not be empty");
        } else {
            Names.qualifiedNameError(t.topologyKey())
                    .ifPresent(why -> errs.invalid(path.child("topologyKey"), t.topologyKey(), why));
        }
    }

    private static void selector(Errors errs, Path path, LabelSelector selector) {
        if (selector != null) {
            LabelValidation.selector(errs, path, selector);
        }
    }

    private static void weight(Errors errs, Path path, Integer weight) {
        int w = weight == null ? 0 : weight;
        if (w < 1 || w > 100) {
            errs.invalid(path, w, "must be in the range 1-100");
        }
    }
}
