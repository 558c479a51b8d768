package dev.jk8s.client.informer;

import static dev.jk8s.client.informer.TestObjects.cm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.core.ConfigMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IndexerTest {

    private final Indexer<ConfigMap> indexer = new Indexer<>();

    private static List<String> app(ConfigMap cm) {
        String app = cm.metadata().labels().get("app");
        return app == null ? null : List.of(app);
    }

    @Test
    void getsByKeyAndByNamespaceAndName() {
        ConfigMap web = cm("default", "web", 1);
        indexer.put(web);

        assertThat(indexer.get("default/web")).containsSame(web);
        assertThat(indexer.get("default", "web")).containsSame(web);
        assertThat(indexer.get("other", "web")).isEmpty();
        assertThat(indexer.keys()).containsExactly("default/web");
        assertThat(indexer.size()).isEqualTo(1);
    }

    @Test
    void putReturnsThePreviousObjectAndRemoveTheRemovedOne() {
        ConfigMap v1 = cm("default", "web", 1);
        ConfigMap v2 = cm("default", "web", 2);

        assertThat(indexer.put(v1)).isNull();
        assertThat(indexer.put(v2)).isSameAs(v1);
        assertThat(indexer.remove(v1)).as("removal is by key").isSameAs(v2);
        assertThat(indexer.remove("default/web")).isNull();
        assertThat(indexer.list()).isEmpty();
    }

    @Test
    void namespaceIndexFollowsPutsAndRemoves() {
        indexer.put(cm("a", "x", 1));
        indexer.put(cm("a", "y", 1));
        indexer.put(cm("b", "x", 1));

        indexer.remove("a/x");

        assertThat(indexer.byNamespace("a")).extracting(Keys::of).containsExactly("a/y");
        assertThat(indexer.byIndex(Indexer.NAMESPACE, "b")).extracting(Keys::of).containsExactly("b/x");
        assertThat(indexer.byNamespace("c")).isEmpty();
    }

    @Test
    void customIndexFollowsUpdatesReplaceAndRemoves() {
        indexer.addIndex("app", IndexerTest::app);
        indexer.put(cm("ns", "one", 1, Map.of("app", "web")));
        indexer.put(cm("ns", "two", 1, Map.of("app", "web")));

        indexer.put(cm("ns", "one", 2, Map.of("app", "db")));
        assertThat(indexer.byIndex("app", "web")).extracting(Keys::of).containsExactly("ns/two");
        assertThat(indexer.byIndex("app", "db")).extracting(Keys::of).containsExactly("ns/one");

        indexer.replace(List.of(cm("ns", "three", 3, Map.of("app", "db")), cm("ns", "four", 3)));
        assertThat(indexer.byIndex("app", "web")).isEmpty();
        assertThat(indexer.byIndex("app", "db")).extracting(Keys::of).containsExactly("ns/three");
        assertThat(indexer.keys()).containsExactly("ns/four", "ns/three");

        indexer.remove("ns/three");
        assertThat(indexer.byIndex("app", "db")).isEmpty();
    }

    @Test
    void anIndexAddedLaterCoversObjectsAlreadyCached() {
        indexer.put(cm("ns", "one", 1, Map.of("app", "web")));

        indexer.addIndex("app", IndexerTest::app);

        assertThat(indexer.byIndex("app", "web")).extracting(Keys::of).containsExactly("ns/one");
    }

    @Test
    void readsAreImmutableSnapshots() {
        indexer.put(cm("ns", "one", 1));
        List<ConfigMap> before = indexer.list();

        indexer.put(cm("ns", "two", 1));

        assertThat(before).hasSize(1);
        assertThatThrownBy(() -> before.add(cm("ns", "x", 1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> indexer.keys().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> indexer.snapshot().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> indexer.byNamespace("ns").clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFailingIndexFunctionLeavesTheCacheUnchanged() {
        ConfigMap v1 = cm("ns", "one", 1);
        indexer.put(v1);
        indexer.addIndex("picky", o -> {
            if (o.metadata().revision() > 1) {
                throw new IllegalStateException("boom");
            }
            return List.of("ok");
        });

        assertThatThrownBy(() -> indexer.put(cm("ns", "one", 2))).hasMessage("boom");
        assertThatThrownBy(() -> indexer.replace(List.of(cm("ns", "one", 2)))).hasMessage("boom");

        assertThat(indexer.list()).containsExactly(v1);
        assertThat(indexer.byIndex("picky", "ok")).containsExactly(v1);
    }

    @Test
    void unknownAndDuplicateIndexesAreRefusedByName() {
        assertThatThrownBy(() -> indexer.byIndex("nodeName", "n1"))
                .hasMessage("no index \"nodeName\"; known indexes: [namespace]");
        assertThatThrownBy(() -> indexer.addIndex(Indexer.NAMESPACE, IndexerTest::app))
                .hasMessage("index \"namespace\" already exists; choose another name");
    }
}
