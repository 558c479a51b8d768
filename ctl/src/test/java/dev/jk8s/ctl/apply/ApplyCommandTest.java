package dev.jk8s.ctl.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {

    private static final String APP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app
              labels: {app: web}
            data:
              a: "1"
              b: "2"
            """;

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<ConfigMap> configMaps = jctl.clients.of(Kinds.CONFIG_MAP);

    @Test
    void createsThenLeavesUnchangedThenConfigures() {
        assertThat(apply(APP)).isEqualTo(new Jctl.Result(0, "configmap/app created\n", ""));
        assertThat(apply(APP)).isEqualTo(new Jctl.Result(0, "configmap/app unchanged\n", ""));
        assertThat(apply(APP.replace("b: \"2\"", "b: \"3\""))).isEqualTo(new Jctl.Result(0, "configmap/app configured\n", ""));

        assertThat(configMaps.actions()).containsExactly("create default/app", "update default/app");
        assertThat(live().data()).isEqualTo(Map.of("a", "1", "b", "3"));
    }

    @Test
    void removesWhatTheManifestNoLongerHasAndKeepsWhatOthersSet() {
        apply(APP);
        ConfigMap cm = live();
        configMaps.update(cm.withMetadata(cm.metadata().withLabels(Map.of("app", "web", "team", "a"))), false);

        apply(APP.replace("  b: \"2\"\n", "").replace("labels: {app: web}", "labels: {}"));

        assertThat(live().data()).isEqualTo(Map.of("a", "1"));
        assertThat(live().metadata().labels()).isEqualTo(Map.of("team", "a"));
    }

    @Test
    void retriesWithAFreshReadWhenSomeoneElseWroteInBetween() {
        apply(APP);
        configMaps.beforeNextUpdate(() -> {
            ConfigMap cm = live();
            configMaps.update(cm.withMetadata(cm.metadata().withLabels(Map.of("app", "web", "x", "y"))), false);
        });

        Jctl.Result r = apply(APP.replace("a: \"1\"", "a: \"9\""));

        assertThat(r).isEqualTo(new Jctl.Result(0, "configmap/app configured\n", ""));
        assertThat(live().data()).containsEntry("a", "9");
        assertThat(live().metadata().labels()).containsEntry("x", "y");
    }

    @Test
    void aFailingDocumentDoesNotStopTheOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("all.yaml");
        Files.writeString(file, APP + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad}\ndata: {a: \"1\"}\nbogus: 1\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: elsewhere}\n");

        Jctl.Result r = jctl.run("apply", "-f", file.toString(), "-n", "default");

        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.out()).isEqualTo("configmap/app created\n");
        assertThat(r.err().lines()).hasSize(2);
        assertThat(r.err().lines().toList().get(0)).startsWith("error: " + file + ", document 2: configmaps \"bad\": bogus");
        assertThat(r.err().lines().toList().get(1)).isEqualTo("error: " + file + ", document 3: the namespace from the"
                + " provided object \"elsewhere\" does not match the namespace \"default\"; pass --namespace=elsewhere"
                + " or leave -n out");
    }

    @Test
    void readsDirectoriesAndStdin(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.yml"), APP.replace("name: app", "name: b"));
        Files.writeString(dir.resolve("a.json"), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}");
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/c.yaml"), APP.replace("name: app", "name: c"));

        assertThat(jctl.run("apply", "-f", dir.toString()).out()).isEqualTo("configmap/a created\nconfigmap/b created\n");
        assertThat(jctl.run("apply", "-R", "-f", dir.toString()).out())
                .isEqualTo("configmap/a unchanged\nconfigmap/b unchanged\nconfigmap/c created\n");
        assertThat(jctl.stdin(APP).run("apply", "-f", "-", "-n", "team").out()).isEqualTo("configmap/app created\n");
        assertThat(configMaps.stored("team", "app")).isNotNull();
    }

    @Test
    void dryRunsWriteNothing() {
        assertThat(jctl.stdin(APP).run("apply", "-f", "-", "--dry-run=client").out()).isEqualTo("configmap/app created (dry run)\n");
        assertThat(jctl.stdin(APP).run("apply", "-f", "-", "--dry-run=server").out())
                .isEqualTo("configmap/app created (server dry run)\n");

        assertThat(configMaps.actions()).containsExactly("create default/app (dry run)");
        assertThat(configMaps.stored("default", "app")).isNull();
    }

    @Test
    void aMissingPathOrAnEmptyFileIsAnError(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing\n");

        assertThat(jctl.run("apply", "-f", "nope.yaml")).isEqualTo(
                new Jctl.Result(1, "", "error: the path \"nope.yaml\" does not exist\n"));
        assertThat(jctl.run("apply", "-f", empty.toString())).isEqualTo(
                new Jctl.Result(1, "", "error: no objects passed to apply: " + empty + " holds no manifests\n"));
    }

    private Jctl.Result apply(String manifest) {
        return jctl.stdin(manifest).run("apply", "-f", "-");
    }

    private ConfigMap live() {
        return configMaps.stored("default", "app");
    }
}
