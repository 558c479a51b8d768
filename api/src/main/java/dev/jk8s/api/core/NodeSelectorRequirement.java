package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/**
 * One requirement on a node label (or field): {@code operator} is In or NotIn (with values),
 * Exists or DoesNotExist (without), Gt or Lt (exactly one integer value, compared with the label's
 * value as an integer). {@code values} is never null.
 */
public record NodeSelectorRequirement(String key, String operator, List<String> values) {

    public static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");

    public NodeSelectorRequirement {
        values = Values.list(values);
    }
}
