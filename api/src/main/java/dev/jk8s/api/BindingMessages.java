package dev.jk8s.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Turns Jackson's binding failures into one short sentence a manifest author can act on. */
final class BindingMessages {

    private BindingMessages() {
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field \"" + u.getPropertyName() + "\"; check its spelling and indentation";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return "wrong type: got " + show(f.getValue()) + ", expected " + expected(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "wrong type: expected " + expected(m.getTargetType());
        }
        String msg = e.getOriginalMessage();
        return msg == null ? "cannot be decoded" : msg.lines().findFirst().orElse(msg);
    }

    private static String show(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "a timestamp such as 2024-01-31T12:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object (a map of fields)";
        }
        return type.getSimpleName();
    }
}
