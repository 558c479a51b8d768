package dev.jk8s.client.informer;

import dev.jk8s.api.ApiObject;

/**
 * Cache and work-queue keys, as Kubernetes writes them: {@code namespace/name} for namespaced
 * objects, {@code name} for cluster-scoped ones. Names cannot contain '/', so a key splits
 * unambiguously.
 */
public final class Keys {

    private Keys() {
    }

    public static String of(ApiObject object) {
        return of(object.metadata().namespace(), object.metadata().name());
    }

    /** {@code namespace} null or empty means cluster-scoped. */
    public static String of(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** The namespace part of a key; empty for a cluster-scoped key. */
    public static String namespace(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    /** The name part of a key. */
    public static String name(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}
