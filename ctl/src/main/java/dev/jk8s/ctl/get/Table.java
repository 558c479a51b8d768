package dev.jk8s.ctl.get;

import dev.jk8s.api.ApiObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints objects as kubectl's plain table: upper-case headers, columns left-aligned and
 * separated by at least three spaces, no trailing spaces. Pure.
 */
public final class Table {

    private static final int PADDING = 3;

    private Table() {
    }

    /** The lines of the table, header first. */
    public static List<String> render(List<Column> columns, List<? extends ApiObject> objects, Instant now) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toList());
        for (ApiObject o : objects) {
            rows.add(cells(columns, o, now));
        }
        return layout(rows);
    }

    /** Rows of cells (the header first) as aligned lines. */
    public static List<String> layout(List<List<String>> rows) {
        int[] widths = widths(rows);
        return rows.stream().map(row -> line(row, widths)).toList();
    }

    /** The cells of one object's row. */
    static List<String> cells(List<Column> columns, ApiObject object, Instant now) {
        return columns.stream().map(c -> c.value(object, now)).toList();
    }

    /** The width of each column: its widest cell. */
    static int[] widths(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    /** One line, each cell but the last padded to its column's width (or its own, if wider) plus the gap. */
    static String line(List<String> row, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            sb.append(row.get(i));
            if (i < row.size() - 1) {
                sb.append(" ".repeat(Math.max(widths[i] - row.get(i).length(), 0) + PADDING));
            }
        }
        return sb.toString();
    }
}
