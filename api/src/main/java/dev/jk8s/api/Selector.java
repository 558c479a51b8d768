package dev.jk8s.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A parsed label selector, from kubectl's string form ({@code app=web,tier!=db,env in (a,b),!canary})
 * or from a {@link LabelSelector}. Immutable and thread-safe; the empty selector matches all.
 */
public final class Selector {

    /** The selector that matches every object. */
    public static final Selector EVERYTHING = new Selector(List.of());

    private static final Pattern SET_FORM = Pattern.compile("^\\s*([^\\s!=]+)\\s+(in|notin)\\s*\\((.*)\\)\\s*$");
    private static final Pattern EQUALITY_FORM = Pattern.compile("^\\s*([^\\s!=]+)\\s*(==|=|!=)\\s*([^\\s]*)\\s*$");
    private static final Pattern EXISTS_FORM = Pattern.compile("^\\s*(!?)\\s*([^\\s!=(),]+)\\s*$");

    private enum Op { IN, NOT_IN, EXISTS, NOT_EXISTS }

    private record Term(String key, Op op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case IN -> v != null && values.contains(v);
                case NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case NOT_EXISTS -> v == null;
            };
        }
    }

    private final List<Term> terms;

    private Selector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /**
     * Parses kubectl's selector syntax.
     *
     * @throws ApiException BadRequest naming the term that does not parse
     */
    public static Selector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            terms.add(parseTerm(part));
        }
        return new Selector(terms);
    }

    public static Selector from(LabelSelector s) {
        if (s == null) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        s.matchLabels().forEach((k, v) -> terms.add(new Term(k, Op.IN, Set.of(v))));
        for (LabelSelector.Requirement r : s.matchExpressions()) {
            terms.add(new Term(r.key(), op(r.operator()), Set.copyOf(r.values())));
        }
        return new Selector(terms);
    }

    private static Op op(String operator) {
        return switch (operator == null ? "" : operator) {
            case "In" -> Op.IN;
            case "NotIn" -> Op.NOT_IN;
            case "Exists" -> Op.EXISTS;
            case "DoesNotExist" -> Op.NOT_EXISTS;
            default -> throw ApiException.badRequest("unknown selector operator \"" + operator
                    + "\"; use In, NotIn, Exists or DoesNotExist");
        };
    }

    private static Term parseTerm(String part) {
        Matcher m = SET_FORM.matcher(part);
        if (m.matches()) {
            Set<String> values = Set.copyOf(List.of(m.group(3).trim().split("\\s*,\\s*")));
            return new Term(m.group(1), m.group(2).equals("in") ? Op.IN : Op.NOT_IN, values);
        }
        m = EQUALITY_FORM.matcher(part);
        if (m.matches()) {
            return new Term(m.group(1), m.group(2).equals("!=") ? Op.NOT_IN : Op.IN, Set.of(m.group(3)));
        }
        m = EXISTS_FORM.matcher(part);
        if (m.matches()) {
            return new Term(m.group(2), m.group(1).isEmpty() ? Op.EXISTS : Op.NOT_EXISTS, Set.of());
        }
        throw ApiException.badRequest("unable to parse label selector term \"" + part.trim()
                + "\"; use key=value, key!=value, key in (a,b), key notin (a,b), key or !key");
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    public boolean matches(Map<String, String> labels) {
        for (Term t : terms) {
            if (!t.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }

    @Override
    public String toString() {
        return terms.stream().map(Selector::format).collect(Collectors.joining(","));
    }

    private static String format(Term t) {
        return switch (t.op) {
            case IN -> t.values.size() == 1 ? t.key + "=" + t.values.iterator().next()
                    : t.key + " in (" + String.join(",", t.values.stream().sorted().toList()) + ")";
            case NOT_IN -> t.values.size() == 1 ? t.key + "!=" + t.values.iterator().next()
                    : t.key + " notin (" + String.join(",", t.values.stream().sorted().toList()) + ")";
            case EXISTS -> t.key;
            case NOT_EXISTS -> "!" + t.key;
        };
    }
}
