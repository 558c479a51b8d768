package dev.jk8s.api.core;

/**
 * Lets a pod be scheduled onto (or stay on) nodes with a matching {@link Taint}. {@code operator}
 * is Equal (the default; key and value must match) or Exists (any value; with an empty key, any
 * taint). An empty {@code effect} matches all effects; {@code tolerationSeconds} bounds how long a
 * NoExecute taint is tolerated.
 */
public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {

    /** Whether this toleration tolerates the taint. */
    public boolean tolerates(Taint taint) {
        if (effect != null && !effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (key == null || key.isEmpty()) {
            return "Exists".equals(operator);
        }
        if (!key.equals(taint.key())) {
            return false;
        }
        String taintValue = taint.value() == null ? "" : taint.value();
        return "Exists".equals(operator) || taintValue.equals(value == null ? "" : value);
    }
}
