package dev.jk8s.controllermanager.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.core.ConfigMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControllerRefsTest {

    static final ConfigMap OWNER = object("owner", "owner-uid", Map.of(), null, false);
    static final LabelSelector SELECTOR = LabelSelector.of(Map.of("app", "web"));

    /** Any kind will do: claiming reads only metadata. */
    static ConfigMap object(String name, String uid, Map<String, String> labels, String controllerUid, boolean deleting) {
        ObjectMeta.Builder meta = ObjectMeta.builder().namespace("default").name(name).uid(uid).labels(labels);
        if (controllerUid != null) {
            meta.ownerReferences(List.of(new OwnerReference("v1", "ConfigMap", "x", controllerUid, true, true)));
        }
        if (deleting) {
            meta.deletionTimestamp(Instant.parse("2026-12-04T10:00:00Z"));
        }
        return new ConfigMap(meta.build(), Map.of());
    }

    static Stream<Arguments> cases() {
        Map<String, String> web = Map.of("app", "web");
        Map<String, String> other = Map.of("app", "other");
        return Stream.of(
                Arguments.of("ours and matching: owned", object("a", "a", web, "owner-uid", false), "owned"),
                Arguments.of("ours, no longer matching: released", object("a", "a", other, "owner-uid", false), "release"),
                Arguments.of("orphan, matching: adopted", object("a", "a", web, null, false), "adopt"),
                Arguments.of("orphan, not matching: left alone", object("a", "a", other, null, false), "none"),
                Arguments.of("orphan being deleted: left alone", object("a", "a", web, null, true), "none"),
                Arguments.of("someone else's: left alone", object("a", "a", web, "other-uid", false), "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void claims(String name, ConfigMap candidate, String expected) {
        var claims = ControllerRefs.claim(OWNER, SELECTOR, List.of(candidate));

        String actual = !claims.owned().isEmpty() ? "owned" : !claims.adopt().isEmpty() ? "adopt"
                : !claims.release().isEmpty() ? "release" : "none";
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "owner being deleted: {0}")
    @MethodSource("cases")
    void anOwnerBeingDeletedNeitherAdoptsNorReleases(String name, ConfigMap candidate, String expected) {
        ConfigMap deleting = object("owner", "owner-uid", Map.of(), null, true);

        var claims = ControllerRefs.claim(deleting, SELECTOR, List.of(candidate));

        assertThat(claims.adopt()).isEmpty();
        assertThat(claims.release()).isEmpty();
    }
}
