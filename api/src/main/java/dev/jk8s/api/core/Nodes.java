package dev.jk8s.api.core;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Names;
import dev.jk8s.api.validation.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of Nodes: taints. */
final class Nodes {

    private Nodes() {
    }

    static List<FieldError> validate(Node node) {
        Errors errs = new Errors();
        Path path = Path.of("spec").child("taints");
        Set<String> seen = new HashSet<>();
        List<Taint> taints = node.spec().taints();
        for (int i = 0; i < taints.size(); i++) {
            taint(errs, path.index(i), taints.get(i), seen);
        }
        return errs.list();
    }

    private static void taint(Errors errs, Path p, Taint t, Set<String> seen) {
        if (errs.required(p.child("key"), t.key())) {
            Names.qualifiedNameError(t.key()).ifPresent(why -> errs.invalid(p.child("key"), t.key(), why));
        }
        if (t.value() != null) {
            Names.labelValueError(t.value()).ifPresent(why -> errs.invalid(p.child("value"), t.value(), why));
        }
        if (errs.required(p.child("effect"), t.effect())) {
            errs.oneOf(p.child("effect"), t.effect(), Taint.EFFECTS);
        }
        // a toleration matches by key and effect, so a second taint with both would be ambiguous
        if (!seen.add(t.key() + ":" + t.effect())) {
            errs.duplicate(p, t.key() + ":" + t.effect());
        }
    }
}
