package dev.jk8s.ctl.get;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.Kind;
import dev.jk8s.ctl.ObjectNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what {@code get} found into its output, as kubectl does: one object as itself, several
 * (or a list) as a {@code kind: List}; names as {@code kind/name}; the table with the kind's
 * {@link Columns}, NAMESPACE first when listing across namespaces. Pure.
 */
public final class Printer {

    private Printer() {
    }

    /**
     * @param single        whether exactly one object was asked for by name (then YAML/JSON print it, not a List)
     * @param withNamespace whether the table gets a NAMESPACE column
     */
    public static String print(OutputFormat format, Kind<?> kind, List<? extends ApiObject> objects, boolean single,
                               boolean withNamespace, Instant now) {
        return switch (format) {
            case YAML -> Codec.toYaml(single ? objects.get(0) : list(objects));
            case JSON -> Codec.toJson(single ? objects.get(0) : list(objects)) + "\n";
            case NAME -> lines(objects.stream().map(o -> ObjectNames.ref(kind, o)).toList());
            case TABLE -> objects.isEmpty() ? "" : lines(Table.render(columns(kind, withNamespace), objects, now));
        };
    }

    /** kubectl's wrapper of several objects. */
    static ObjectNode list(List<? extends ApiObject> objects) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        objects.forEach(o -> list.withArrayProperty("items").add(Codec.toTree(o)));
        if (objects.isEmpty()) {
            list.putArray("items");
        }
        return list;
    }

    private static List<Column> columns(Kind<?> kind, boolean withNamespace) {
        List<Column> columns = new ArrayList<>();
        if (withNamespace && kind.namespaced()) {
            columns.add(Column.NAMESPACE);
        }
        columns.addAll(Columns.forKind(kind));
        return columns;
    }

    private static String lines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
