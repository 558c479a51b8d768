package dev.jk8s.client.informer;

import static dev.jk8s.client.informer.TestObjects.cm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.core.ConfigMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class DeltaTest {

    private static final ConfigMap A1 = cm("ns", "a", 1);
    private static final ConfigMap A2 = cm("ns", "a", 2);
    private static final ConfigMap B1 = cm("ns", "b", 1);
    private static final ConfigMap A_RECREATED = TestObjects.withUid(cm("ns", "a", 5), "uid-new");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("first list adds everything", List.of(), List.of(A1, B1), List.of("ADDED ns/a@1", "ADDED ns/b@1")),
                Arguments.of("unchanged objects produce nothing", List.of(A1, B1), List.of(A1, B1), List.of()),
                Arguments.of("a new resourceVersion is an update", List.of(A1), List.of(A2), List.of("UPDATED ns/a@1->2")),
                Arguments.of("objects no longer listed are deleted", List.of(A1, B1), List.of(B1), List.of("DELETED ns/a@1")),
                Arguments.of("a re-created object is deleted then added", List.of(A1), List.of(A_RECREATED),
                        List.of("DELETED ns/a@1", "ADDED ns/a@5")),
                Arguments.of("an empty list deletes everything, by key", List.of(B1, A1), List.of(),
                        List.of("DELETED ns/a@1", "DELETED ns/b@1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffOfCacheAndList(String name, List<ConfigMap> cached, List<ConfigMap> listed, List<String> expected) {
        assertThat(Delta.diff(byKey(cached), listed)).extracting(DeltaTest::describe).containsExactlyElementsOf(expected);
    }

    @Test
    void objectsWithoutResourceVersionAreComparedByValue() {
        ConfigMap plain = cm("ns", "a", 0);
        ConfigMap changed = plain.withData(Map.of("k", "v"));

        assertThat(Delta.diff(byKey(List.of(plain)), List.of(plain))).isEmpty();
        assertThat(Delta.diff(byKey(List.of(plain)), List.of(changed))).containsExactly(Delta.updated(plain, changed));
    }

    private static Map<String, ConfigMap> byKey(List<ConfigMap> objects) {
        Map<String, ConfigMap> map = new LinkedHashMap<>();
        objects.forEach(o -> map.put(Keys.of(o), o));
        return map;
    }

    static String describe(Delta<ConfigMap> d) {
        String rv = d.oldObject() == null ? d.object().metadata().resourceVersion()
                : d.oldObject().metadata().resourceVersion() + "->" + d.object().metadata().resourceVersion();
        return d.type() + " " + d.key() + "@" + rv;
    }
}
