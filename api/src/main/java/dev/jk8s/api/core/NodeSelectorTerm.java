package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/**
 * One node selector term: every requirement on node labels ({@code matchExpressions}) and on node
 * fields ({@code matchFields}, only {@code metadata.name}) must hold (ANDed). A term with no
 * requirements matches no node, as in Kubernetes. Lists are never null.
 */
public record NodeSelectorTerm(List<NodeSelectorRequirement> matchExpressions,
                               List<NodeSelectorRequirement> matchFields) {

    public NodeSelectorTerm {
        matchExpressions = Values.list(matchExpressions);
        matchFields = Values.list(matchFields);
    }

    public boolean isEmpty() {
        return matchExpressions.isEmpty() && matchFields.isEmpty();
    }
}
