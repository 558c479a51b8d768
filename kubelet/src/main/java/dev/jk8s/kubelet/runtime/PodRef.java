package dev.jk8s.kubelet.runtime;

import java.util.Objects;

/**
 * Which pod instance a container belongs to. The uid tells apart two pods of the same name (one
 * deleted, one created again); {@link #key()} is the name the kubelet's work queue uses.
 */
public record PodRef(String namespace, String name, String uid) {

    public PodRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
    }

    /** {@code namespace/name}. */
    public String key() {
        return namespace + "/" + name;
    }

    @Override
    public String toString() {
        return key() + "(" + uid + ")";
    }
}
