package dev.jk8s.api.core;

/** Names an object in the same namespace as the one that refers to it. */
public record LocalObjectReference(String name) {
}
