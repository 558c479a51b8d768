package dev.jk8s.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A field that holds a number or a name, as Kubernetes' {@code targetPort: 80} or
 * {@code targetPort: http}, and {@code maxSurge: 25%}. Exactly one of the two is set.
 */
public record IntOrString(Integer intValue, String stringValue) {

    public IntOrString {
        if ((intValue == null) == (stringValue == null)) {
            throw new IllegalArgumentException("exactly one of a number or a string must be given");
        }
    }

    public static IntOrString of(int value) {
        return new IntOrString(value, null);
    }

    public static IntOrString of(String value) {
        return new IntOrString(null, value);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static IntOrString fromJson(JsonNode node) {
        if (node.isInt()) {
            return of(node.intValue());
        }
        if (node.isTextual()) {
            return of(node.textValue());
        }
        throw new IllegalArgumentException("must be a number or a string, such as 80 or http");
    }

    public boolean isInt() {
        return intValue != null;
    }

    @JsonValue
    Object json() {
        return isInt() ? intValue : stringValue;
    }

    /**
     * Resolves a percentage ({@code 25%}) against a total, or returns the number itself.
     *
     * @param roundUp round a percentage up (maxSurge) or down (maxUnavailable), as Kubernetes does
     */
    public int scaledValue(int total, boolean roundUp) {
        if (isInt()) {
            return intValue;
        }
        if (!stringValue.endsWith("%")) {
            throw new IllegalArgumentException("\"" + stringValue + "\" is neither a number nor a percentage");
        }
        double v = Integer.parseInt(stringValue.substring(0, stringValue.length() - 1)) * total / 100.0;
        return (int) (roundUp ? Math.ceil(v) : Math.floor(v));
    }

    @Override
    public String toString() {
        return String.valueOf(json());
    }
}
