package dev.jk8s.ctl.get;

import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import java.util.List;
import java.util.Map;

/**
 * Which columns {@code jctl get} shows for each kind, as kubectl does; a kind not listed gets
 * NAME and AGE. Adding a kind's columns is adding an entry to {@link #BY_KIND}. The NAMESPACE
 * column of {@code -A} is added by the printer, not here.
 */
public final class Columns {

    private static final List<Column> DEFAULT = List.of(Column.NAME, Column.AGE);

    private static final Map<String, List<Column>> BY_KIND = Map.of(
            Kinds.CONFIG_MAP.kind(), List.of(Column.NAME,
                    Column.of(Kinds.CONFIG_MAP, "DATA", cm -> String.valueOf(cm.data().size() + cm.binaryData().size())),
                    Column.AGE));

    private Columns() {
    }

    public static List<Column> forKind(Kind<?> kind) {
        return BY_KIND.getOrDefault(kind.kind(), DEFAULT);
    }
}
