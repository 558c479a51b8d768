package dev.jk8s.api;

import java.util.List;
import java.util.Map;

/**
 * A structured label selector as in {@code spec.selector} of a Deployment: every matchLabels
 * pair and every matchExpressions requirement must hold. An empty selector matches everything;
 * a null selector (absent field) is the caller's business.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public LabelSelector {
        matchLabels = Values.map(matchLabels);
        matchExpressions = Values.list(matchExpressions);
    }

    public static LabelSelector of(Map<String, String> matchLabels) {
        return new LabelSelector(matchLabels, List.of());
    }

    /** One requirement: {@code operator} is In, NotIn, Exists or DoesNotExist. */
    public record Requirement(String key, String operator, List<String> values) {
        public Requirement {
            values = Values.list(values);
        }
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        return Selector.from(this).matches(labels);
    }
}
