package dev.jk8s.api.rbac;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;
import java.util.List;

/** Validation of the rules of Roles and ClusterRoles, as Kubernetes' {@code ValidatePolicyRule}. */
final class Roles {

    private static final Path RULES = Path.of("rules");

    private Roles() {
    }

    static List<FieldError> validate(List<PolicyRule> rules, boolean namespaced) {
        Errors errs = new Errors();
        for (int i = 0; i < rules.size(); i++) {
            rule(errs, RULES.index(i), rules.get(i), namespaced);
        }
        return errs.list();
    }

    private static void rule(Errors errs, Path path, PolicyRule rule, boolean namespaced) {
        if (rule.verbs().isEmpty()) {
            errs.add(path.child("verbs"), "Required value: verbs must contain at least one value (e.g. get, or \"*\" for all)");
        }
        if (!rule.nonResourceURLs().isEmpty()) {
            nonResourceRule(errs, path.child("nonResourceURLs"), rule, namespaced);
            return;
        }
        if (rule.apiGroups().isEmpty()) {
            errs.add(path.child("apiGroups"), "Required value: resource rules must supply at least one api group"
                    + " (\"\" for the core group, \"*\" for all)");
        }
        if (rule.resources().isEmpty()) {
            errs.add(path.child("resources"), "Required value: resource rules must supply at least one resource"
                    + " (e.g. pods, or \"*\" for all)");
        }
    }

    private static void nonResourceRule(Errors errs, Path path, PolicyRule rule, boolean namespaced) {
        if (namespaced) {
            errs.invalid(path, rule.nonResourceURLs(),
                    "namespaced rules cannot apply to non-resource URLs; grant them in a ClusterRole");
        }
        if (!rule.apiGroups().isEmpty() || !rule.resources().isEmpty() || !rule.resourceNames().isEmpty()) {
            errs.invalid(path, rule.nonResourceURLs(),
                    "rules cannot apply to both regular resources and non-resource URLs; write two rules");
        }
    }
}
