package dev.jk8s.api.core;

/**
 * One key of a ConfigMap or Secret in the pod's namespace ({@code configMapKeyRef},
 * {@code secretKeyRef}; Kubernetes' ConfigMapKeySelector and SecretKeySelector have these same
 * fields). When {@code optional} is true, a missing object or key leaves the variable unset.
 */
public record KeySelector(String name, String key, Boolean optional) {
}
