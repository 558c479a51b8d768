package dev.jk8s.ctl.annotate;

import dev.jk8s.ctl.CtlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The changes of {@code jctl annotate}: {@code KEY=VALUE} sets (the value may contain {@code =}
 * and may be empty), {@code KEY-} removes. Immutable; {@link #applyTo} is pure.
 */
public record AnnotationChanges(Map<String, String> set, List<String> remove) {

    public AnnotationChanges {
        set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
        remove = List.copyOf(remove);
    }

    /** @throws IllegalArgumentException naming the argument that is neither form, or a key both set and removed */
    public static AnnotationChanges parse(List<String> args) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                set.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (eq < 0 && arg.length() > 1 && arg.endsWith("-")) {
                remove.add(arg.substring(0, arg.length() - 1));
            } else {
                throw new IllegalArgumentException("invalid annotation format: '" + arg
                        + "'; use KEY=VALUE to set an annotation or KEY- to remove one");
            }
        }
        List<String> both = remove.stream().filter(set::containsKey).toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("can not both modify and remove the following annotation(s) in the same"
                    + " command: " + String.join(", ", both));
        }
        return new AnnotationChanges(set, remove);
    }

    /**
     * The annotations after the changes.
     *
     * @throws CtlException without {@code overwrite}, when a key to set already has a value (whatever it is)
     */
    public Map<String, String> applyTo(Map<String, String> current, boolean overwrite) {
        if (!overwrite) {
            String taken = set.keySet().stream().filter(current::containsKey)
                    .map(k -> "'" + k + "' already has a value (" + current.get(k) + ")")
                    .collect(Collectors.joining("; "));
            if (!taken.isEmpty()) {
                throw new CtlException("--overwrite is false but found the following declared annotation(s): " + taken);
            }
        }
        Map<String, String> next = new LinkedHashMap<>(current);
        next.putAll(set);
        remove.forEach(next::remove);
        return next;
    }
}
