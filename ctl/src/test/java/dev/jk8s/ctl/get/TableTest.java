package dev.jk8s.ctl.get;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.ConfigMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void padsColumnsByThreeSpacesWithoutTrailingSpace() {
        assertThat(Table.layout(List.of(List.of("NAME", "AGE"), List.of("a-long-name", "5s"), List.of("b", "3m"))))
                .containsExactly("NAME          AGE", "a-long-name   5s", "b             3m");
    }

    @Test
    void configMapsShowTheirDataCountAndUnknownKindsNameAndAge() {
        ConfigMap cm = new ConfigMap(ObjectMeta.builder().name("app").namespace("default").creationTimestamp(T0).build(),
                Map.of("a", "1", "b", "2"));

        String table = Printer.print(OutputFormat.TABLE, Kinds.CONFIG_MAP, List.of(cm), false, true, T0.plusSeconds(200));

        assertThat(table).isEqualTo("NAMESPACE   NAME   DATA   AGE\ndefault     app    2      3m20s\n");
        assertThat(Columns.forKind(Kinds.CONFIG_MAP)).contains(Column.NAME, Column.AGE);
    }
}
