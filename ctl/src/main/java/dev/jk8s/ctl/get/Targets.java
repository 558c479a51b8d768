package dev.jk8s.ctl.get;

import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.ctl.ObjectNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code jctl get} was asked for, read from its arguments as kubectl reads them: either
 * {@code KIND[,KIND...] [NAME...]}, where {@code all} stands for kubectl's category of that name,
 * or {@code TYPE/NAME...}. One {@link Target} per kind, each kind once, in the order first given.
 * Immutable.
 *
 * @param targets never empty
 */
record Targets(List<Target> targets) {

    /**
     * kubectl's {@code all} category, of the kinds jk8s has, in the order kubectl prints them: the
     * core group's (in discovery order) before the apps group's.
     */
    static final List<Kind<?>> ALL = List.of(Kinds.POD, Kinds.REPLICATION_CONTROLLER, Kinds.SERVICE,
            Kinds.DEPLOYMENT, Kinds.REPLICA_SET);

    /**
     * One kind and the names asked for.
     *
     * @param names empty when all the objects (in scope, selected) are wanted
     */
    record Target(Kind<?> kind, List<String> names) {
        Target {
            names = List.copyOf(names);
        }
    }

    Targets {
        targets = List.copyOf(targets);
    }

    /**
     * Reads {@code get}'s arguments.
     *
     * @throws IllegalArgumentException when the arguments mix the two forms, or name objects of
     *                                  several kinds without TYPE/NAME (a usage error; kubectl's words)
     * @throws dev.jk8s.ctl.CtlException when a type is unknown or a TYPE/NAME has no name
     */
    static Targets parse(List<String> args) {
        long typed = args.stream().filter(a -> a.contains("/")).count();
        if (typed == args.size()) {
            return typedNames(args);
        }
        if (typed > 0) {
            throw new IllegalArgumentException("there is no need to specify a resource type as a separate argument"
                    + " when passing arguments in resource/name form (e.g. 'jctl get resource/<resource_name>' instead"
                    + " of 'jctl get resource resource/<resource_name>')");
        }
        List<Kind<?>> kinds = kinds(args.get(0));
        List<String> names = args.subList(1, args.size());
        if (kinds.size() > 1 && !names.isEmpty()) {
            throw new IllegalArgumentException("you may only specify a single resource type with names; to name"
                    + " objects of several kinds, write TYPE/NAME for each (e.g. jctl get deploy/web svc/web)");
        }
        return new Targets(kinds.stream().map(k -> new Target(k, names)).toList());
    }

    /** Whether the objects are of more than one kind: then kubectl prefixes each name with its kind. */
    boolean severalKinds() {
        return targets.size() > 1;
    }

    /** Whether objects were named, rather than listed. */
    boolean byName() {
        return !targets.get(0).names().isEmpty();
    }

    /** Whether exactly one object was named: then YAML and JSON print it as itself, not in a List. */
    boolean singleObject() {
        return targets.size() == 1 && targets.get(0).names().size() == 1;
    }

    /** {@code pods,svc,all}: the kinds, each once, {@code all} expanded to {@link #ALL}. */
    private static List<Kind<?>> kinds(String list) {
        List<Kind<?>> kinds = new ArrayList<>();
        for (String name : list.split(",")) {
            List<Kind<?>> named = name.equals("all") ? ALL : name.isEmpty() ? List.of() : List.of(ObjectNames.kind(name));
            named.stream().filter(k -> !kinds.contains(k)).forEach(kinds::add);
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("you must specify the type of resource to get, e.g. jctl get pods");
        }
        return kinds;
    }

    /** {@code deploy/web svc/web deploy/db}: the names grouped by kind, the kinds in the order first given. */
    private static Targets typedNames(List<String> args) {
        Map<Kind<?>, List<String>> byKind = new LinkedHashMap<>();
        for (String arg : args) {
            ObjectNames.Typed t = ObjectNames.typed(List.of(arg));
            byKind.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(t.name());
        }
        return new Targets(byKind.entrySet().stream().map(e -> new Target(e.getKey(), e.getValue())).toList());
    }
}
