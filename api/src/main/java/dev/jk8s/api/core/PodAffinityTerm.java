package dev.jk8s.api.core;

import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * The pods a term is about and the topology it relates to: pods matching {@code labelSelector}
 * (null matches none) in {@code namespaces} and in the namespaces matching
 * {@code namespaceSelector} (empty list and null selector: the pod's own namespace; an empty
 * selector: all namespaces), co-located (or not) within the same value of the node label
 * {@code topologyKey}. {@code namespaces} is never null.
 */
public record PodAffinityTerm(LabelSelector labelSelector, List<String> namespaces, String topologyKey,
                              LabelSelector namespaceSelector) {

    public PodAffinityTerm {
        namespaces = Values.list(namespaces);
    }
}
