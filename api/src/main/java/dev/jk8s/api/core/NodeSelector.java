package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/** Required node affinity: a node matches when it matches at least one of the terms (ORed). Never-null list. */
public record NodeSelector(List<NodeSelectorTerm> nodeSelectorTerms) {

    public NodeSelector {
        nodeSelectorTerms = Values.list(nodeSelectorTerms);
    }
}
