package dev.jk8s.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A parsed field selector ({@code spec.nodeName=node-1,status.phase!=Running}). Each kind lists
 * the fields it can be selected by ({@link Kind#fieldSelectors()}); an unsupported field is a
 * BadRequest that names it and the supported ones. Immutable and thread-safe.
 */
public final class FieldSelector {

    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private record Term(String field, boolean equal, String value) {
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /**
     * Parses and checks the selector against the kind's selectable fields.
     *
     * @throws ApiException BadRequest for bad syntax or an unsupported field
     */
    public static FieldSelector parse(String text, Kind<?> kind) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",")) {
            terms.add(parseTerm(part.trim(), kind));
        }
        return new FieldSelector(terms);
    }

    private static Term parseTerm(String part, Kind<?> kind) {
        int ne = part.indexOf("!=");
        int eq = part.indexOf('=');
        if (eq <= 0) {
            throw ApiException.badRequest("unable to parse field selector term \"" + part
                    + "\"; use field=value or field!=value");
        }
        boolean equal = ne < 0;
        String field = part.substring(0, equal ? eq : ne).trim();
        String value = part.substring(equal ? (part.startsWith("==", eq) ? eq + 2 : eq + 1) : ne + 2).trim();
        if (!kind.fieldSelectors().containsKey(field)) {
            throw ApiException.badRequest("field label \"" + field + "\" is not supported for " + kind.resource()
                    + "; supported: " + String.join(", ", kind.fieldSelectors().keySet()));
        }
        return new Term(field, equal, value);
    }

    /** Whether the object matches; {@code kind} must be the kind the selector was parsed for. */
    @SuppressWarnings("unchecked")
    public <T extends ApiObject> boolean matches(T object, Kind<T> kind) {
        Map<String, Function<T, String>> fields = kind.fieldSelectors();
        for (Term t : terms) {
            String actual = fields.get(t.field).apply(object);
            boolean same = t.value.equals(actual == null ? "" : actual);
            if (same != t.equal) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }
}
