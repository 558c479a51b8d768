package dev.jk8s.ctl.node;

import dev.jk8s.api.core.Taint;
import dev.jk8s.ctl.CtlException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes of {@code jctl taint}, kubectl's syntax: {@code KEY[=VALUE]:EFFECT} adds a taint,
 * {@code KEY:EFFECT-} removes the taint with that key and effect, {@code KEY-} every taint with
 * that key. Values and keys are checked by the apiserver; the effect here, since it decides
 * the parse. Immutable; {@link #applyTo} is pure.
 */
public record TaintChanges(List<Taint> add, List<Taint> remove) {

    public TaintChanges {
        add = List.copyOf(add);
        remove = List.copyOf(remove);
    }

    /** @throws IllegalArgumentException naming the malformed argument, or a taint both added and removed */
    public static TaintChanges parse(List<String> args) {
        List<Taint> add = new ArrayList<>();
        List<Taint> remove = new ArrayList<>();
        for (String arg : args) {
            if (arg.endsWith("-")) {
                remove.add(removal(arg.substring(0, arg.length() - 1), arg));
            } else {
                add.add(addition(arg));
            }
        }
        List<String> both = add.stream().filter(a -> remove.stream().anyMatch(r -> matches(r, a)))
                .map(TaintChanges::keyEffect).toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("can not both modify and remove the following taint(s) in the same"
                    + " command: " + String.join(", ", both));
        }
        return new TaintChanges(add, remove);
    }

    /** Whether this only removes taints: then kubectl says "untainted". */
    public boolean onlyRemoves() {
        return add.isEmpty();
    }

    /**
     * The node's taints after the changes; a NoExecute taint gets {@code now} as its timeAdded.
     *
     * @throws CtlException for a taint to remove that the node does not have, or, without
     *                      {@code overwrite}, a taint to add whose key and effect the node has already
     */
    public List<Taint> applyTo(String node, List<Taint> current, boolean overwrite, Instant now) {
        for (Taint r : remove) {
            if (current.stream().noneMatch(t -> matches(r, t))) {
                throw new CtlException("taint \"" + (r.effect() == null ? r.key() : keyEffect(r)) + "\" not found on node "
                        + node);
            }
        }
        List<String> taken = add.stream().filter(a -> current.stream().anyMatch(t -> sameSlot(a, t)))
                .map(TaintChanges::keyEffect).toList();
        if (!overwrite && !taken.isEmpty()) {
            throw new CtlException("node " + node + " already has " + String.join(", ", taken)
                    + " taint(s) with same effect(s) and --overwrite is false");
        }
        List<Taint> next = new ArrayList<>(current.stream()
                .filter(t -> remove.stream().noneMatch(r -> matches(r, t)))
                .filter(t -> add.stream().noneMatch(a -> sameSlot(a, t))).toList());
        add.forEach(a -> next.add(Taint.NO_EXECUTE.equals(a.effect()) ? new Taint(a.key(), a.value(), a.effect(), now) : a));
        return next;
    }

    private static Taint addition(String arg) {
        int colon = arg.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid taint spec: '" + arg + "'; use KEY=VALUE:EFFECT or KEY:EFFECT"
                    + " to add a taint, KEY:EFFECT- or KEY- to remove");
        }
        String keyValue = arg.substring(0, colon);
        int eq = keyValue.indexOf('=');
        String key = eq < 0 ? keyValue : keyValue.substring(0, eq);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("invalid taint spec: '" + arg + "'; the key is empty");
        }
        return Taint.of(key, eq < 0 ? null : keyValue.substring(eq + 1), effect(arg.substring(colon + 1), arg));
    }

    private static Taint removal(String spec, String arg) {
        int colon = spec.indexOf(':');
        String key = colon < 0 ? spec : spec.substring(0, colon);
        if (key.isEmpty() || key.contains("=")) {
            throw new IllegalArgumentException("invalid taint spec: '" + arg + "'; to remove a taint use KEY:EFFECT- or"
                    + " KEY-");
        }
        return Taint.of(key, null, colon < 0 ? null : effect(spec.substring(colon + 1), arg));
    }

    private static String effect(String effect, String arg) {
        if (!Taint.EFFECTS.contains(effect)) {
            throw new IllegalArgumentException("invalid taint effect in '" + arg + "': '" + effect + "'; use "
                    + String.join(", ", Taint.EFFECTS));
        }
        return effect;
    }

    /** A removal matches by key, and by effect when it names one. */
    private static boolean matches(Taint removal, Taint t) {
        return removal.key().equals(t.key()) && (removal.effect() == null || removal.effect().equals(t.effect()));
    }

    private static boolean sameSlot(Taint a, Taint b) {
        return a.key().equals(b.key()) && a.effect().equals(b.effect());
    }

    private static String keyEffect(Taint t) {
        return t.key() + ":" + t.effect();
    }
}
