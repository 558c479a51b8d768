package dev.jk8s.client.informer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class KeysTest {

    @Test
    void namespacedObjectsAreKeyedNamespaceSlashName() {
        String key = Keys.of(TestObjects.cm("default", "web", 1));

        assertThat(key).isEqualTo("default/web");
        assertThat(Keys.namespace(key)).isEqualTo("default");
        assertThat(Keys.name(key)).isEqualTo("web");
    }

    @Test
    void clusterScopedObjectsAreKeyedByName() {
        String key = Keys.of(new Namespace(ObjectMeta.named(null, "team-a")));

        assertThat(key).isEqualTo("team-a");
        assertThat(Keys.namespace(key)).isEmpty();
        assertThat(Keys.name(key)).isEqualTo("team-a");
        assertThat(Keys.of("", "node-1")).isEqualTo("node-1");
    }
}
