package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/** The finalizers that must empty a namespace before it is deleted for good. Never null. */
public record NamespaceSpec(List<String> finalizers) {

    public static final NamespaceSpec EMPTY = new NamespaceSpec(null);

    public NamespaceSpec {
        finalizers = Values.list(finalizers);
    }
}
