package dev.jk8s.ctl;

import dev.jk8s.api.ObjectMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.stream.Collectors;

/**
 * The changes of {@code jctl label} and {@code jctl annotate}: {@code KEY=VALUE} sets (the value
 * may contain {@code =} and may be empty), {@code KEY-} removes. Keys and values are not checked
 * here: the apiserver validates them and names the bad one. Immutable; {@link #applyTo} is pure.
 * The two verbs differ only in their words and, as in kubectl, in what {@code --overwrite}
 * guards: a label set again to the value it has is no change, an annotation is.
 */
public record MetadataChanges(Field field, Map<String, String> set, List<String> remove) {

    /** Which map of the metadata is changed, and how each verb words its errors. */
    public enum Field {
        LABELS("label", "a label", "spec", false),
        ANNOTATIONS("annotation", "an annotation", "format", true);

        private final String noun;
        private final String withArticle;
        private final String badArgWord;
        private final boolean anyValueTaken;

        Field(String noun, String withArticle, String badArgWord, boolean anyValueTaken) {
            this.noun = noun;
            this.withArticle = withArticle;
            this.badArgWord = badArgWord;
            this.anyValueTaken = anyValueTaken;
        }

        /** Whether setting {@code e} over {@code current} needs {@code --overwrite}. */
        boolean conflicts(Entry<String, String> e, Map<String, String> current) {
            return current.containsKey(e.getKey()) && (anyValueTaken || !current.get(e.getKey()).equals(e.getValue()));
        }

        Map<String, String> of(ObjectMeta meta) {
            return this == LABELS ? meta.labels() : meta.annotations();
        }

        ObjectMeta with(ObjectMeta meta, Map<String, String> values) {
            return this == LABELS ? meta.withLabels(values) : meta.withAnnotations(values);
        }

        String conflictMessage(String taken) {
            return this == ANNOTATIONS ? "--overwrite is false but found the following declared annotation(s): " + taken
                    : taken;
        }

        String conflictItem(String key, String value) {
            return "'" + key + "' already has a value (" + value + ")" + (this == LABELS ? ", and --overwrite is false" : "");
        }
    }

    public MetadataChanges {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        remove = List.copyOf(remove);
    }

    /** @throws IllegalArgumentException naming the argument that is neither form, or a key both set and removed */
    public static MetadataChanges parse(Field field, List<String> args) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                set.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (eq < 0 && arg.length() > 1 && arg.endsWith("-")) {
                remove.add(arg.substring(0, arg.length() - 1));
            } else {
                throw new IllegalArgumentException("invalid " + field.noun + " " + field.badArgWord + ": '" + arg
                        + "'; use KEY=VALUE to set " + field.withArticle + " or KEY- to remove one");
            }
        }
        List<String> both = remove.stream().filter(set::containsKey).toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("can not both modify and remove the following " + field.noun
                    + "(s) in the same command: " + String.join(", ", both));
        }
        return new MetadataChanges(field, set, remove);
    }

    /** The metadata after the changes to its field; see {@link #applyTo}. */
    public ObjectMeta applyTo(ObjectMeta meta, boolean overwrite) {
        return field.with(meta, applyTo(field.of(meta), overwrite));
    }

    /**
     * The map after the changes.
     *
     * @throws CtlException without {@code overwrite}, when a key to set is already taken
     */
    public Map<String, String> applyTo(Map<String, String> current, boolean overwrite) {
        if (!overwrite) {
            String taken = set.entrySet().stream().filter(e -> field.conflicts(e, current))
                    .map(e -> field.conflictItem(e.getKey(), current.get(e.getKey())))
                    .collect(Collectors.joining("; "));
            if (!taken.isEmpty()) {
                throw new CtlException(field.conflictMessage(taken));
            }
        }
        Map<String, String> next = new LinkedHashMap<>(current);
        next.putAll(set);
        remove.forEach(next::remove);
        return next;
    }
}
