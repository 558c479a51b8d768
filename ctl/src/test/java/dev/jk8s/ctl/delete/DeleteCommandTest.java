package dev.jk8s.ctl.delete;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteCommandTest {

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<ConfigMap> configMaps = jctl.clients.of(Kinds.CONFIG_MAP);

    @BeforeEach
    void seed() {
        for (String name : new String[] {"a", "b", "c"}) {
            configMaps.seed(new ConfigMap(ObjectMeta.builder().namespace("default").name(name)
                    .labels(Map.of("app", name.equals("c") ? "db" : "web")).build(), Map.of()));
        }
    }

    @Test
    void deletesByNameWithOptions() {
        Jctl.Result r = jctl.run("delete", "cm", "a", "b", "--grace-period=5", "--cascade=orphan");

        assertThat(r).isEqualTo(new Jctl.Result(0, "configmap \"a\" deleted\nconfigmap \"b\" deleted\n", ""));
        assertThat(configMaps.actions()).containsExactly("delete default/a Orphan grace=5", "delete default/b Orphan grace=5");
    }

    @Test
    void deletesBySelectorAndAll() {
        assertThat(jctl.run("delete", "configmaps", "-l", "app=db").out()).isEqualTo("configmap \"c\" deleted\n");
        assertThat(jctl.run("delete", "configmaps", "--all").out()).isEqualTo("configmap \"a\" deleted\nconfigmap \"b\" deleted\n");
        assertThat(jctl.run("delete", "configmaps", "--all")).isEqualTo(new Jctl.Result(0, "", "No resources found\n"));
    }

    @Test
    void deletesWhatManifestsName() {
        Jctl.Result r = jctl.stdin("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: zz}\n").run("delete", "-f", "-");

        assertThat(r).isEqualTo(new Jctl.Result(1, "configmap \"a\" deleted\n",
                "error: STDIN, document 2: configmaps \"zz\" not found\n"));
    }

    @Test
    void aMissingObjectFailsUnlessIgnored() {
        assertThat(jctl.run("delete", "cm", "nope", "a")).isEqualTo(
                new Jctl.Result(1, "configmap \"a\" deleted\n", "error: configmaps \"nope\" not found\n"));
        assertThat(jctl.run("delete", "cm", "nope", "--ignore-not-found")).isEqualTo(new Jctl.Result(0, "", ""));
    }
}
