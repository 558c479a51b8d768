package dev.jk8s.api.core;

/** Projects one key of a ConfigMap or Secret to a relative file {@code path}, with optional file {@code mode}. */
public record KeyToPath(String key, String path, Integer mode) {
}
