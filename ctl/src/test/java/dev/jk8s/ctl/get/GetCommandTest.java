package dev.jk8s.ctl.get;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetCommandTest {

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<ConfigMap> configMaps = jctl.clients.of(Kinds.CONFIG_MAP);

    @BeforeEach
    void seed() {
        configMaps.seed(cm("default", "app", Map.of("app", "web"), Map.of("k", "v")));
        configMaps.seed(cm("default", "db", Map.of("app", "db"), Map.of()));
        configMaps.seed(cm("team-a", "web-config", Map.of("app", "web"), Map.of("a", "1", "b", "2")));
    }

    @Test
    void listsTheNamespaceAsATable() {
        assertThat(jctl.run("get", "configmaps")).isEqualTo(new Jctl.Result(0,
                "NAME   DATA   AGE\napp    1      90s\ndb     0      90s\n", ""));
    }

    @Test
    void listsAllNamespacesBySelector() {
        assertThat(jctl.run("get", "cm", "-A", "-l", "app=web").out()).isEqualTo(
                "NAMESPACE   NAME         DATA   AGE\ndefault     app          1      90s\nteam-a      web-config   2      90s\n");
    }

    @Test
    void showsLabelsAndWideColumns() {
        assertThat(jctl.run("get", "configmaps", "--show-labels", "-o", "wide").out()).isEqualTo(
                "NAME   DATA   AGE   LABELS\napp    1      90s   app=web\ndb     0      90s   app=db\n");
    }

    @Test
    void printsNames() {
        assertThat(jctl.run("get", "configmap", "-o", "name").out()).isEqualTo("configmap/app\nconfigmap/db\n");
    }

    @Test
    void printsOneObjectAsItselfAndSeveralAsAList() {
        String one = jctl.run("get", "cm", "app", "-o", "yaml").out();
        String two = jctl.run("get", "cm", "app", "db", "-o", "yaml").out();

        assertThat(one).startsWith("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n");
        assertThat(two).startsWith("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n");
        assertThat(jctl.run("get", "cm", "-o", "json").out()).contains("\"kind\" : \"List\"", "\"name\" : \"db\"");
    }

    @Test
    void reportsMissingNamesAfterShowingTheOthers() {
        Jctl.Result r = jctl.run("get", "cm", "app", "nope", "-o", "name");

        assertThat(r).isEqualTo(new Jctl.Result(1, "configmap/app\n", "error: configmaps \"nope\" not found\n"));
    }

    @Test
    void saysWhenNothingMatches() {
        assertThat(jctl.run("get", "cm", "-n", "empty")).isEqualTo(
                new Jctl.Result(0, "", "No resources found in empty namespace.\n"));
        assertThat(jctl.run("get", "cm", "-n", "empty", "-o", "yaml").out()).isEqualTo("apiVersion: v1\nkind: List\nitems: []\n");
    }

    private static ConfigMap cm(String namespace, String name, Map<String, String> labels, Map<String, String> data) {
        return new ConfigMap(ObjectMeta.builder().namespace(namespace).name(name).labels(labels).build(), data);
    }
}
