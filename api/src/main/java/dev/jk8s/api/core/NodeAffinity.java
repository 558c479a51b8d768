package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/**
 * Node affinity: a required node selector (null when absent) that a node must match for the pod to
 * be scheduled there, and weighted preferred terms that make matching nodes score higher. The
 * preferred list is never null.
 */
public record NodeAffinity(NodeSelector requiredDuringSchedulingIgnoredDuringExecution,
                           List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution) {

    public NodeAffinity {
        preferredDuringSchedulingIgnoredDuringExecution = Values.list(preferredDuringSchedulingIgnoredDuringExecution);
    }
}
