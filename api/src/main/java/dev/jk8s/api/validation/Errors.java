package dev.jk8s.api.validation;

import dev.jk8s.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects every failing field of one object, so that a user sees all of them at once.
 * Not thread-safe; one per validation.
 */
public final class Errors {

    private final List<FieldError> errors = new ArrayList<>();

    public Errors add(Path path, String message) {
        errors.add(new FieldError(path.text(), message));
        return this;
    }

    public Errors addAll(List<FieldError> more) {
        errors.addAll(more);
        return this;
    }

    /** Adds "Required value" when the value is null or an empty string; returns whether it was present. */
    public boolean required(Path path, Object value) {
        boolean present = value != null && !(value instanceof String s && s.isEmpty());
        if (!present) {
            add(path, "Required value");
        }
        return present;
    }

    /** Adds an "Invalid value" error that quotes the value. */
    public Errors invalid(Path path, Object value, String why) {
        return add(path, "Invalid value: " + quote(value) + ": " + why);
    }

    /** Adds an error when the value is not one of the allowed ones (null passes: defaults fill it). */
    public void oneOf(Path path, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(path, "Unsupported value: " + quote(value) + ": supported values: "
                    + String.join(", ", allowed.stream().map(Errors::quote).toList()));
        }
    }

    /** Adds "Duplicate value" for the second and later occurrences of a value that must be unique. */
    public Errors duplicate(Path path, Object value) {
        return add(path, "Duplicate value: " + quote(value));
    }

    public Errors forbidden(Path path, String why) {
        return add(path, "Forbidden: " + why);
    }

    /** Adds "Not found" for a reference to something that does not exist (e.g. an unknown volume). */
    public Errors notFound(Path path, Object value) {
        return add(path, "Not found: " + quote(value));
    }

    /** Adds "field is immutable" when an update changed the value. */
    public void immutable(Path path, Object value, Object old) {
        if (!Objects.equals(value, old)) {
            invalid(path, value == null ? "" : value, "field is immutable");
        }
    }

    public void positive(Path path, Number value) {
        if (value != null && value.longValue() <= 0) {
            invalid(path, value, "must be greater than 0");
        }
    }

    public void nonNegative(Path path, Number value) {
        if (value != null && value.longValue() < 0) {
            invalid(path, value, "must be greater than or equal to 0");
        }
    }

    public void port(Path path, Integer value) {
        if (value != null && (value < 1 || value > 65535)) {
            invalid(path, value, "must be between 1 and 65535, inclusive");
        }
    }

    /** A named port: an IANA service name such as {@code http}. */
    public void portName(Path path, String value) {
        if (value != null) {
            Names.ianaSvcNameError(value).ifPresent(why -> invalid(path, value, why));
        }
    }

    public void ipv4(Path path, String value) {
        if (value != null && !Names.isIPv4(value)) {
            invalid(path, value, "must be a valid IPv4 address (e.g. 10.9.8.7)");
        }
    }

    public void dnsLabel(Path path, String value) {
        if (value != null) {
            Names.dnsLabelError(value).ifPresent(why -> invalid(path, value, why));
        }
    }

    public void dnsSubdomain(Path path, String value) {
        if (value != null) {
            Names.dnsSubdomainError(value).ifPresent(why -> invalid(path, value, why));
        }
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    static String quote(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
