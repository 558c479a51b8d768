package dev.jk8s.ctl.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jk8s.api.Codec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layout of {@code describe} output, as kubectl's: {@code Name:  value} fields aligned in a
 * column, nested blocks indented by two spaces, {@code <none>} for empty values, tables with
 * underlined headers. Not thread-safe; one per description.
 */
final class DescribeText {

    /** The column where top-level values start, as kubectl's describe. */
    static final int WIDTH = 14;

    private final StringBuilder out = new StringBuilder();

    /** A top-level field. */
    DescribeText field(String name, Object value) {
        return field(0, WIDTH, name, value);
    }

    /** A field at {@code indent}, its value at column {@code indent + width} (or after the name, if longer). */
    DescribeText field(int indent, int width, String name, Object value) {
        String text = value == null || value.toString().isEmpty() ? "<none>" : value.toString();
        String label = " ".repeat(indent) + name + ":";
        out.append(label).append(" ".repeat(Math.max(1, indent + width - label.length()))).append(text).append('\n');
        return this;
    }

    /** {@code key=value} pairs, sorted, one per line, the first beside the name. */
    DescribeText pairs(int indent, int width, String name, Map<String, String> values) {
        return lines(indent, width, name, new TreeMap<>(values).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** Values one per line, the first beside the name; {@code <none>} when empty. */
    DescribeText lines(int indent, int width, String name, List<String> values) {
        if (values.isEmpty()) {
            return field(indent, width, name, null);
        }
        field(indent, width, name, values.get(0));
        values.subList(1, values.size()).forEach(v -> out.append(" ".repeat(indent + width)).append(v).append('\n'));
        return this;
    }

    /** A title line, then the node as YAML indented under it; nothing for an empty node. */
    DescribeText yaml(int indent, String title, JsonNode node) {
        if (node == null || node.isEmpty()) {
            return this;
        }
        heading(indent, title);
        Codec.toYaml(node).lines().forEach(l -> out.append(" ".repeat(indent + 2)).append(l).append('\n'));
        return this;
    }

    DescribeText heading(int indent, String title) {
        out.append(" ".repeat(indent)).append(title).append(":\n");
        return this;
    }

    /** A header, its underline, then the rows, in columns two spaces apart, indented by two. */
    DescribeText table(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        row(rows.get(0), widths);
        row(rows.get(0).stream().map(h -> "-".repeat(h.length())).toList(), widths);
        rows.subList(1, rows.size()).forEach(r -> row(r, widths));
        return this;
    }

    private void row(List<String> cells, int[] widths) {
        StringBuilder l = new StringBuilder("  ");
        for (int i = 0; i < cells.size(); i++) {
            l.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + (widths[i] + 2) + "s", cells.get(i)));
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
