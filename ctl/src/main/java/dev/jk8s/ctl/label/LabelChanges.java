package dev.jk8s.ctl.label;

import dev.jk8s.ctl.CtlException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The changes of {@code jctl label}: {@code KEY=VALUE} sets (the value may be empty), {@code KEY-}
 * removes. Keys and values are not checked here: the apiserver validates labels and names the
 * bad one. Immutable; {@link #applyTo} is pure.
 */
public record LabelChanges(Map<String, String> set, List<String> remove) {

    public LabelChanges {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        remove = List.copyOf(remove);
    }

    /** @throws IllegalArgumentException naming the argument that is neither form, or a key both set and removed */
    public static LabelChanges parse(List<String> args) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                set.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (eq < 0 && arg.length() > 1 && arg.endsWith("-")) {
                remove.add(arg.substring(0, arg.length() - 1));
            } else {
                throw new IllegalArgumentException("invalid label spec: '" + arg
                        + "'; use KEY=VALUE to set a label or KEY- to remove one");
            }
        }
        List<String> both = remove.stream().filter(set::containsKey).toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("can not both modify and remove the following label(s) in the same"
                    + " command: " + String.join(", ", both));
        }
        return new LabelChanges(set, remove);
    }

    /**
     * The labels after the changes.
     *
     * @throws CtlException without {@code overwrite}, when a key to set already has another value
     */
    public Map<String, String> applyTo(Map<String, String> current, boolean overwrite) {
        if (!overwrite) {
            String taken = set.entrySet().stream()
                    .filter(e -> current.containsKey(e.getKey()) && !current.get(e.getKey()).equals(e.getValue()))
                    .map(e -> "'" + e.getKey() + "' already has a value (" + current.get(e.getKey()) + "), and --overwrite is false")
                    .collect(Collectors.joining("; "));
            if (!taken.isEmpty()) {
                throw new CtlException(taken);
            }
        }
        Map<String, String> next = new LinkedHashMap<>(current);
        next.putAll(set);
        remove.forEach(next::remove);
        return next;
    }
}
