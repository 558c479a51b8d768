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
 * (or a list) as a {@code kind: List}, of whatever kinds; names as {@code kind/name}; a table per
 * kind with the kind's {@link Columns} (and their wide ones for {@code -o wide}), NAMESPACE first
 * when listing across namespaces, LABELS last with {@code --show-labels}, names as
 * {@code kind/name} when the tables are of several kinds, the tables of kinds without objects
 * left out and a blank line between the others. Pure.
 */
public final class Printer {

    /**
     * What the table shows besides the kind's columns.
     *
     * @param withNamespace whether the table gets a NAMESPACE column (ignored for cluster-scoped kinds)
     * @param showLabels    whether the table gets a LABELS column
     * @param withKind      whether NAME shows {@code kind/name}, as kubectl's does when several kinds are shown
     */
    public record TableOptions(boolean withNamespace, boolean showLabels, boolean withKind) {

        /** Names without their kind. */
        public TableOptions(boolean withNamespace, boolean showLabels) {
            this(withNamespace, showLabels, false);
        }
    }

    /**
     * The objects of one kind that {@code get} shows.
     *
     * @param objects in the order shown
     */
    public record Section(Kind<?> kind, List<? extends ApiObject> objects) {
        public Section {
            objects = List.copyOf(objects);
        }
    }

    private Printer() {
    }

    /** A table without LABELS; see {@link #print(OutputFormat, Kind, List, boolean, TableOptions, Instant)}. */
    public static String print(OutputFormat format, Kind<?> kind, List<? extends ApiObject> objects, boolean single,
                               boolean withNamespace, Instant now) {
        return print(format, kind, objects, single, new TableOptions(withNamespace, false), now);
    }

    /** Objects of one kind; see {@link #print(OutputFormat, List, boolean, TableOptions, Instant)}. */
    public static String print(OutputFormat format, Kind<?> kind, List<? extends ApiObject> objects, boolean single,
                               TableOptions table, Instant now) {
        return print(format, List.of(new Section(kind, objects)), single, table, now);
    }

    /**
     * Objects of one or more kinds, each kind's in its own table.
     *
     * @param single whether exactly one object was asked for by name (then YAML/JSON print it, not a List)
     */
    public static String print(OutputFormat format, List<Section> sections, boolean single, TableOptions table,
                               Instant now) {
        List<ApiObject> objects = sections.stream().<ApiObject>flatMap(s -> s.objects().stream()).toList();
        return switch (format) {
            case YAML -> Codec.toYaml(single ? objects.get(0) : list(objects));
            case JSON -> Codec.toJson(single ? objects.get(0) : list(objects)) + "\n";
            case NAME -> lines(sections.stream()
                    .flatMap(s -> s.objects().stream().map(o -> ObjectNames.ref(s.kind(), o))).toList());
            case TABLE, WIDE -> String.join("\n", sections.stream().filter(s -> !s.objects().isEmpty())
                    .map(s -> lines(Table.render(columns(s.kind(), format, table), s.objects(), now))).toList());
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
        Columns.forKind(kind, format == OutputFormat.WIDE).stream()
                .map(c -> table.withKind() && c == Column.NAME ? Column.qualifiedName(kind) : c)
                .forEach(columns::add);
        if (table.showLabels()) {
            columns.add(Column.LABELS);
        }
        return columns;
    }

    private static String lines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
