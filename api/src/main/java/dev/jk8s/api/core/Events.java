package dev.jk8s.api.core;

import static dev.jk8s.api.Values.or;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;
import java.util.List;
import java.util.Objects;

/** Defaults and validation of Events. */
final class Events {

    private Events() {
    }

    static Event defaults(Event e) {
        return e.withDefaults(or(e.type(), Event.NORMAL), or(e.count(), 1));
    }

    static List<FieldError> validate(Event e) {
        Errors errs = new Errors();
        Path involved = Path.of("involvedObject");
        if (errs.required(involved, e.involvedObject())) {
            namespace(errs, involved.child("namespace"), e.involvedObject(), e.metadata().namespace());
        }
        errs.required(Path.of("reason"), e.reason());
        errs.oneOf(Path.of("type"), e.type(), List.of(Event.NORMAL, Event.WARNING));
        errs.nonNegative(Path.of("count"), e.count());
        return errs.list();
    }

    /** An event lives with the object it is about, so that deleting a namespace removes its events too. */
    private static void namespace(Errors errs, Path p, ObjectReference ref, String eventNamespace) {
        String ns = ref.namespace();
        if (ns != null && !ns.isEmpty() && !Objects.equals(ns, eventNamespace)) {
            errs.invalid(p, ns, "does not match event.namespace");
        }
    }
}
