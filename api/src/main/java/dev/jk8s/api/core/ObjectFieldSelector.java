package dev.jk8s.api.core;

/**
 * A field of the pod itself, as in the downward API: {@code metadata.name}, {@code status.podIP},
 * {@code metadata.labels['app']}. {@code apiVersion} defaults to {@code v1}.
 */
public record ObjectFieldSelector(String apiVersion, String fieldPath) {
}
