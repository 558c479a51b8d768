package dev.jk8s.api.core;

/**
 * Names the ConfigMap or Secret of an {@link EnvFromSource} (Kubernetes' ConfigMapEnvSource and
 * SecretEnvSource, which have these same fields). When {@code optional} is true, a missing object
 * is not an error.
 */
public record EnvFromReference(String name, Boolean optional) {
}
