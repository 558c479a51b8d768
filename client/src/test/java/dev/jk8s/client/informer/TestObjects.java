package dev.jk8s.client.informer;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.ConfigMap;
import java.util.Map;

/** Object mother: config maps, the simplest namespaced kind. */
final class TestObjects {

    private TestObjects() {
    }

    /** A config map at a resourceVersion, with uid {@code uid-<name>}. */
    static ConfigMap cm(String namespace, String name, long resourceVersion) {
        return cm(namespace, name, resourceVersion, Map.of());
    }

    static ConfigMap cm(String namespace, String name, long resourceVersion, Map<String, String> labels) {
        return new ConfigMap(ObjectMeta.builder().namespace(namespace).name(name).uid("uid-" + name)
                .resourceVersion(Long.toString(resourceVersion)).labels(labels).build(), Map.of());
    }

    static ConfigMap withUid(ConfigMap cm, String uid) {
        return cm.withMetadata(cm.metadata().toBuilder().uid(uid).build());
    }
}
