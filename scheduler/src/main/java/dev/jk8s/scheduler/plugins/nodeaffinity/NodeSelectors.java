package dev.jk8s.scheduler.plugins.nodeaffinity;

import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.NodeSelector;
import dev.jk8s.api.core.NodeSelectorRequirement;
import dev.jk8s.api.core.NodeSelectorTerm;
import java.util.Map;

/**
 * Matching nodes against node selector terms: terms are ORed, the requirements of a term ANDed; a
 * term without requirements matches nothing; Gt and Lt compare integers (a label or value that is
 * not an integer does not match); matchFields knows {@code metadata.name}. Pure.
 */
public final class NodeSelectors {

    private NodeSelectors() {
    }

    public static boolean matches(NodeSelector selector, Node node) {
        return selector.nodeSelectorTerms().stream().anyMatch(t -> matches(t, node));
    }

    public static boolean matches(NodeSelectorTerm term, Node node) {
        if (term == null || term.isEmpty()) {
            return false;
        }
        Map<String, String> labels = node.metadata().labels();
        Map<String, String> fields = Map.of("metadata.name", node.metadata().name());
        return term.matchExpressions().stream().allMatch(r -> matches(r, labels))
                && term.matchFields().stream().allMatch(r -> matches(r, fields));
    }

    static boolean matches(NodeSelectorRequirement r, Map<String, String> labels) {
        String v = labels.get(r.key());
        return switch (r.operator()) {
            case "In" -> v != null && r.values().contains(v);
            case "NotIn" -> v == null || !r.values().contains(v);
            case "Exists" -> v != null;
            case "DoesNotExist" -> v == null;
            case "Gt" -> compare(v, r) > 0;
            case "Lt" -> compare(v, r) < 0;
            default -> false;
        };
    }

    /** Sign of label minus value; 0 (no match for Gt or Lt) when either is not one integer. */
    private static int compare(String label, NodeSelectorRequirement r) {
        if (label == null || r.values().size() != 1) {
            return 0;
        }
        try {
            return Long.compare(Long.parseLong(label), Long.parseLong(r.values().get(0)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
