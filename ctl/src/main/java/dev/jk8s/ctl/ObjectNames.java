package dev.jk8s.ctl;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import java.util.List;

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

    /** One object as a command's arguments name it. */
    public record Typed(Kind<?> kind, String name) {
    }

    /**
     * One object named as kubectl takes it: {@code TYPE/NAME} or {@code TYPE NAME}.
     *
     * @throws CtlException when the arguments are neither form, the type is unknown or the name empty
     */
    public static Typed typed(List<String> args) {
        String type;
        String name;
        if (args.size() == 1 && args.get(0).contains("/")) {
            type = args.get(0).substring(0, args.get(0).indexOf('/'));
            name = args.get(0).substring(args.get(0).indexOf('/') + 1);
        } else if (args.size() == 2) {
            type = args.get(0);
            name = args.get(1);
        } else {
            throw new CtlException("name the object as TYPE/NAME or TYPE NAME, not " + String.join(" ", args));
        }
        if (name.isEmpty()) {
            throw new CtlException("the object's name is missing; write " + type + "/NAME");
        }
        return new Typed(kind(type), name);
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
