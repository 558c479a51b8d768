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
 * {@link Columns} (and their wide ones for {@code -o wide}), NAMESPACE first when listing across
 * namespaces, LABELS last with {@code --show-labels}. Pure.
 */
public final class Printer {

    /**
     * What the table shows besides the kind's columns.
     *
     * @param withNamespace whether the table gets a NAMESPACE column (ignored for cluster-scoped kinds)
     * @param showLabels    whether the table gets a LABELS column
     */
    public record TableOptions(boolean withNamespace, boolean showLabels) {
    }

    private Printer() {
    }

    /** A table without LABELS; see {@link #print(OutputFormat, Kind, List, boolean, TableOptions, Instant)}. */
    public static String print(OutputFormat format, Kind<?> kind, List<? extends ApiObject> objects, boolean single,
                               boolean withNamespace, Instant now) {
        return print(format, kind, objects, single, new TableOptions(withNamespace, false), now);
    }

    /** @param single whether exactly one object was asked for by name (then YAML/JSON print it, not a List) */
    public static String print(OutputFormat format, Kind<?> kind, List<? extends ApiObject> objects, boolean single,
                               TableOptions table, Instant now) {
        return switch (format) {
            case YAML -> Codec.toYaml(single ? objects.get(0) : list(objects));
            case JSON -> Codec.toJson(single ? objects.get(0) : list(objects)) + "\n";
            case NAME -> lines(objects.stream().map(o -> ObjectNames.ref(kind, o)).toList());
            case TABLE, WIDE -> objects.isEmpty() ? "" : lines(Table.render(columns(kind, format, table), objects, now));
        };
    }

    /** One object on its own, as {@code get -w} prints a change in a format other than a table. */
    public static String document(OutputFormat format, Kind<?> kind, ApiObject object) {
        return switch (format) {
            case YAML -> Codec.toYaml(object);
            case JSON -> Codec.toJson(object) + "\n";
            case NAME, TABLE, WIDE -> ObjectNames.ref(kind, object) + "\n";
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

    /** The columns of a table in {@code format} ({@link OutputFormat#isTable() a table}). */
    public static List<Column> columns(Kind<?> kind, OutputFormat format, TableOptions table) {
        List<Column> columns = new ArrayList<>();
        if (table.withNamespace() && kind.namespaced()) {
            columns.add(Column.NAMESPACE);
        }
        columns.addAll(Columns.forKind(kind, format == OutputFormat.WIDE));
        if (table.showLabels()) {
            columns.add(Column.LABELS);
        }
        return columns;
    }

    private static String lines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
