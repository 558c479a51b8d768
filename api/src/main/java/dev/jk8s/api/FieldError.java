package dev.jk8s.api;

/**
 * One failing field of an object: its path in Kubernetes' notation
 * ({@code spec.containers[0].image}) and what is wrong with it, phrased so that the fix is plain.
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
