package dev.jk8s.ctl.get;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints what {@code jctl get -w} shows: the current objects, then each change as it comes. A
 * table gets its header once, with the first objects, and every later row keeps the columns'
 * widths so far; other formats print one document per object ({@code ---} between YAML ones).
 * Flushes after each print. Not thread-safe: one watch loop prints.
 */
final class ChangePrinter {

    private final OutputFormat format;
    private final Kind<?> kind;
    private final List<Column> columns;
    private final PrintStream out;
    private final Clock clock;
    private int[] widths;
    private boolean printedDocument;

    ChangePrinter(OutputFormat format, Kind<?> kind, Printer.TableOptions table, PrintStream out, Clock clock) {
        this.format = format;
        this.kind = kind;
        this.columns = format.isTable() ? Printer.columns(kind, format, table) : List.of();
        this.out = out;
        this.clock = clock;
    }

    /** The objects there are when the watch starts; nothing (not even a header) when there are none. */
    void printAll(List<? extends ApiObject> objects) {
        if (format.isTable() && !objects.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(columns.stream().map(Column::header).toList());
            objects.forEach(o -> rows.add(Table.cells(columns, o, clock.instant())));
            printRows(rows);
        } else if (!format.isTable()) {
            objects.forEach(this::printDocument);
        }
        out.flush();
    }

    /** One object as it is after a change. */
    void print(ApiObject object) {
        if (!format.isTable()) {
            printDocument(object);
        } else if (widths == null) {
            printAll(List.of(object));
        } else {
            out.println(Table.line(Table.cells(columns, object, clock.instant()), widths));
        }
        out.flush();
    }

    private void printRows(List<List<String>> rows) {
        widths = Table.widths(rows);
        rows.forEach(row -> out.println(Table.line(row, widths)));
    }

    private void printDocument(ApiObject object) {
        if (format == OutputFormat.YAML && printedDocument) {
            out.print("---\n");
        }
        out.print(Printer.document(format, kind, object));
        printedDocument = true;
    }
}
