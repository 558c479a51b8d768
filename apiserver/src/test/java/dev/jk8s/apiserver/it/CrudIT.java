package dev.jk8s.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.testkit.TestObjects;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Create, read, list, update and delete of every kind through the apiserver into real etcd. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrudIT {

    static Cluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static List<Kind<?>> kinds() {
        return Kinds.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void crudOfEveryKind(Kind<?> kind) {
        crud(kind);
    }

    private <T extends ApiObject> void crud(Kind<T> kind) {
        ResourceClient<T> client = cluster.resource(kind);
        String name = "crud-" + kind.resource();
        T created = client.create(TestObjects.of(kind, name));
        assertThat(created.metadata().uid()).isNotBlank();
        assertThat(created.metadata().creationTimestamp()).isNotNull();
        assertThat(created.metadata().revision()).isPositive();

        String ns = kind.namespaced() ? "default" : null;
        assertThat(client.get(ns, name).metadata().uid()).isEqualTo(created.metadata().uid());
        assertThat(client.list(ns, ListOptions.fields("metadata.name=" + name)).items()).hasSize(1);

        T labelled = kind.cast(created.withMetadata(created.metadata().withLabels(Map.of("tier", "test"))));
        T updated = client.update(labelled);
        assertThat(updated.metadata().revision()).isGreaterThan(created.metadata().revision());
        assertThat(client.list(ns, ListOptions.labels("tier=test")).items())
                .extracting(o -> o.metadata().name()).contains(name);

        assertThatThrownBy(() -> client.update(labelled))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT))
                .hasMessageContaining("the object has been modified");

        client.delete(ns, name);
        if (!kind.kind().equals("Namespace")) {
            assertThatThrownBy(() -> client.get(ns, name))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                    .hasMessage(kind.resource() + " \"" + name + "\" not found");
        }
    }

    @Test
    void createOfAnExistingNameIsAlreadyExists() {
        ResourceClient<ConfigMap> cms = cluster.resource(Kinds.CONFIG_MAP);
        cms.create(TestObjects.of(Kinds.CONFIG_MAP, "twice"));
        assertThatThrownBy(() -> cms.create(TestObjects.of(Kinds.CONFIG_MAP, "twice")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS))
                .hasMessageStartingWith("configmaps \"twice\" already exists");
    }

    @Test
    void objectInAMissingNamespaceIsRefusedAndNothingIsWritten() {
        ResourceClient<ConfigMap> cms = cluster.resource(Kinds.CONFIG_MAP);
        assertThatThrownBy(() -> cms.create(TestObjects.of(Kinds.CONFIG_MAP, "nowhere", "cm")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("namespaces \"nowhere\" not found");
        assertThat(cms.list("nowhere").items()).isEmpty();
    }

    @Test
    void invalidObjectNamesEveryFailingFieldAndIsNotStored() {
        ResourceClient<ConfigMap> cms = cluster.resource(Kinds.CONFIG_MAP);
        ConfigMap bad = (ConfigMap) TestObjects.parse(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  namespace: default\n  labels: {'app': 'x y'}\ndata: {'a/b': v}\n");
        assertThatThrownBy(() -> cms.create(bad))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(e.causes()).extracting(c -> c.field())
                            .containsExactlyInAnyOrder("metadata.name", "metadata.labels[app]", "data");
                })
                .hasMessageStartingWith("configmaps \"Bad_Name\" is invalid: [");
        assertThat(cms.list("default", ListOptions.fields("metadata.name=Bad_Name")).items()).isEmpty();
    }

    @Test
    void oversizeObjectIsRefusedWithTooLarge() {
        ResourceClient<ConfigMap> cms = cluster.resource(Kinds.CONFIG_MAP);
        ConfigMap big = TestObjects.of(Kinds.CONFIG_MAP, "big").withData(Map.of("blob", "x".repeat(1_600_000)));
        assertThatThrownBy(() -> cms.create(big))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessageContaining("configmaps \"big\" is too large");
    }

    @Test
    void generateNameGetsARandomSuffix() {
        ResourceClient<ConfigMap> cms = cluster.resource(Kinds.CONFIG_MAP);
        ConfigMap template = (ConfigMap) TestObjects.parse(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: gen-\n  namespace: default\n");
        ConfigMap a = cms.create(template);
        ConfigMap b = cms.create(template);
        assertThat(a.metadata().name()).startsWith("gen-").hasSize(9).isNotEqualTo(b.metadata().name());
    }

    @Test
    void eightThreadsIncrementingOneObjectLoseNoUpdate() throws Exception {
        ResourceClient<ConfigMap> cms = cluster.resource(Kinds.CONFIG_MAP);
        cms.create(TestObjects.of(Kinds.CONFIG_MAP, "counter").withData(Map.of("n", "0")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    cms.guaranteedUpdate("default", "counter",
                            cm -> cm.withData(Map.of("n", Integer.toString(Integer.parseInt(cm.data().get("n")) + 1))));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(cms.get("default", "counter").data()).containsEntry("n", "1600");
    }
}
