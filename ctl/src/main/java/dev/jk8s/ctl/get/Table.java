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
            rows.add(columns.stream().map(c -> c.value(o, now)).toList());
        }
        return layout(rows);
    }

    static List<String> layout(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                sb.append(row.get(i));
                if (i < row.size() - 1) {
                    sb.append(" ".repeat(widths[i] - row.get(i).length() + PADDING));
                }
            }
            lines.add(sb.toString());
        }
        return lines;
    }
}
