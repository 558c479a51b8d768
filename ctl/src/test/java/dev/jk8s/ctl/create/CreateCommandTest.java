package dev.jk8s.ctl.create;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateCommandTest {

    private static final String TWO = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n";

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<ConfigMap> configMaps = jctl.clients.of(Kinds.CONFIG_MAP);

    @Test
    void createsEveryDocumentWithoutTheLastAppliedAnnotation() {
        assertThat(jctl.stdin(TWO).run("create", "-f", "-")).isEqualTo(
                new Jctl.Result(0, "configmap/a created\nconfigmap/b created\n", ""));
        assertThat(configMaps.actions()).containsExactly("create default/a", "create default/b");
        assertThat(configMaps.stored("default", "a").data()).isEqualTo(Map.of("k", "v"));
        assertThat(configMaps.stored("default", "a").metadata().annotations()).isEmpty();
    }

    @Test
    void anExistingObjectFailsItsDocumentOnlyAndTheRunExitsOne(@TempDir Path dir) throws Exception {
        configMaps.seed(new ConfigMap(ObjectMeta.named("default", "a"), Map.of("old", "1")));
        Path file = dir.resolve("cms.yaml");
        Files.writeString(file, TWO);

        assertThat(jctl.run("create", "-f", file.toString())).isEqualTo(new Jctl.Result(1, "configmap/b created\n",
                "error: " + file + ", document 1: configmaps \"a\" already exists; choose another name or update the"
                        + " existing object\n"));
        assertThat(configMaps.stored("default", "a").data()).isEqualTo(Map.of("old", "1"));
    }

    @Test
    void usesTheNamespaceFlagAndRefusesAnotherInTheManifest() {
        String other = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: team-b\n";

        assertThat(jctl.stdin(TWO).run("create", "-f", "-", "-n", "team-a").exit()).isZero();
        assertThat(configMaps.stored("team-a", "b")).isNotNull();
        assertThat(jctl.stdin(other).run("create", "-f", "-", "-n", "team-a")).isEqualTo(new Jctl.Result(1, "",
                "error: STDIN, document 1: the namespace from the provided object \"team-b\" does not match the"
                        + " namespace \"team-a\"; pass --namespace=team-b or leave -n out\n"));
    }

    @Test
    void aMissingFileIsAnError() {
        assertThat(jctl.run("create", "-f", "/nonexistent/x.yaml")).isEqualTo(
                new Jctl.Result(1, "", "error: the path \"/nonexistent/x.yaml\" does not exist\n"));
    }
}
