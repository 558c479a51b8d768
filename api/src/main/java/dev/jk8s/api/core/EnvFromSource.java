package dev.jk8s.api.core;

/**
 * Imports every key of a ConfigMap or Secret as environment variables, each name prefixed with
 * {@code prefix}. Exactly one of {@code configMapRef} and {@code secretRef} is set.
 */
public record EnvFromSource(String prefix, EnvFromReference configMapRef, EnvFromReference secretRef) {
}
