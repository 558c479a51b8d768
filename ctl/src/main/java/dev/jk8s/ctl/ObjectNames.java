package dev.jk8s.ctl;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;

/** How jctl names kinds and objects, as kubectl does. Stateless. */
public final class ObjectNames {

    private ObjectNames() {
    }

    /**
     * The kind a user typed ({@code configmaps}, {@code configmap}, {@code cm}, {@code deployment.apps}).
     *
     * @throws CtlException naming the unknown type, as kubectl words it
     */
    public static Kind<?> kind(String typed) {
        return Kinds.byName(typed).orElseThrow(() ->
                new CtlException("the server doesn't have a resource type \"" + typed + "\""));
    }

    /** {@code configmap/app-config}, {@code deployment.apps/web}: the form of {@code -o name} and apply's output. */
    public static String ref(Kind<?> kind, String name) {
        return kind.qualifiedName() + "/" + name;
    }

    public static String ref(Kind<?> kind, ApiObject object) {
        return ref(kind, object.metadata().name());
    }

    /** {@code configmap "app-config"}: the form of delete's output. */
    public static String quoted(Kind<?> kind, String name) {
        return kind.qualifiedName() + " \"" + name + "\"";
    }

    /** The namespace to send for this kind: null for cluster-scoped kinds. */
    public static String namespaceFor(Kind<?> kind, String namespace) {
        return kind.namespaced() ? namespace : null;
    }
}
