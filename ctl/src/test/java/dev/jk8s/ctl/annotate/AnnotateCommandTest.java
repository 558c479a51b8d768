package dev.jk8s.ctl.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnotateCommandTest {

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<ConfigMap> configMaps = jctl.clients.of(Kinds.CONFIG_MAP);
    private final ConfigMap seeded = configMaps.seed(new ConfigMap(ObjectMeta.builder().namespace("default").name("x")
            .annotations(Map.of("owner", "team-a", "old", "1")).build(), Map.of()));

    @Test
    void setsAndRemoves() {
        assertThat(jctl.run("annotate", "cm", "x", "reviewed=yes", "old-")).isEqualTo(
                new Jctl.Result(0, "configmap/x annotated\n", ""));
        assertThat(annotations()).isEqualTo(Map.of("owner", "team-a", "reviewed", "yes"));
    }

    @Test
    void refusesToOverwriteUnlessAsked() {
        assertThat(jctl.run("annotate", "cm", "x", "owner=team-b")).isEqualTo(new Jctl.Result(1, "",
                "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value"
                        + " (team-a)\n"));
        assertThat(jctl.run("annotate", "cm", "x", "owner=team-b", "--overwrite").exit()).isZero();
        assertThat(annotations()).containsEntry("owner", "team-b");
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        String stale = seeded.metadata().resourceVersion();
        jctl.run("annotate", "cm", "x", "bump=1");

        assertThat(jctl.run("annotate", "cm", "x", "k=v", "--resource-version", stale)).isEqualTo(new Jctl.Result(1, "",
                "error: Operation cannot be fulfilled on configmaps \"x\": the object has been modified; please apply"
                        + " your changes to the latest version and try again\n"));
        String current = configMaps.stored("default", "x").metadata().resourceVersion();
        assertThat(jctl.run("annotate", "cm", "x", "k=v", "--resource-version", current).exit()).isZero();
    }

    @Test
    void aMissingObjectIsNotFound() {
        assertThat(jctl.run("annotate", "cm", "nope", "k=v")).isEqualTo(
                new Jctl.Result(1, "", "error: configmaps \"nope\" not found\n"));
    }

    private Map<String, String> annotations() {
        return configMaps.stored("default", "x").metadata().annotations();
    }
}
