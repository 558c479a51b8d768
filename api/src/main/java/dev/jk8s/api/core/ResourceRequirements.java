package dev.jk8s.api.core;

import dev.jk8s.api.Quantity;
import dev.jk8s.api.Values;
import java.util.Map;

/**
 * Compute resources of a container by name ({@value #CPU}, {@value #MEMORY}): {@code requests}
 * is what the scheduler reserves on a node, {@code limits} what the runtime enforces. Defaulting
 * copies a limit into a missing request, as Kubernetes does. Maps are never null.
 */
public record ResourceRequirements(Map<String, Quantity> limits, Map<String, Quantity> requests) {

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final ResourceRequirements NONE = new ResourceRequirements(null, null);

    public ResourceRequirements {
        limits = Values.map(limits);
        requests = Values.map(requests);
    }
}
