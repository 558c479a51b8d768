package dev.jk8s.controllermanager.controller;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which objects a controller owns, as Kubernetes' ControllerRefManager decides it. Pure.
 * An object whose controllerRef names the owner (by uid) is owned while the selector matches it,
 * and released when it stops matching; an orphan the selector matches is adopted, unless the
 * owner or the orphan is being deleted; objects controlled by someone else are left alone.
 */
public final class ControllerRefs {

    private ControllerRefs() {
    }

    /** The objects to count as owned, and those to adopt or release first. */
    public record Claims<T>(List<T> owned, List<T> adopt, List<T> release) {
    }

    public static <T extends ApiObject> Claims<T> claim(ApiObject owner, LabelSelector selector, List<T> candidates) {
        List<T> owned = new ArrayList<>();
        List<T> adopt = new ArrayList<>();
        List<T> release = new ArrayList<>();
        for (T o : candidates) {
            Optional<OwnerReference> ref = o.metadata().controllerRef();
            boolean matches = selector != null && !selector.isEmpty() && selector.matches(o.metadata().labels());
            if (ref.isPresent()) {
                if (!Objects.equals(ref.get().uid(), owner.metadata().uid())) {
                    continue; // someone else's
                }
                if (matches) {
                    owned.add(o);
                } else if (!owner.metadata().isTerminating()) {
                    release.add(o);
                }
            } else if (matches && !owner.metadata().isTerminating() && !o.metadata().isTerminating()) {
                adopt.add(o);
            }
        }
        return new Claims<>(owned, adopt, release);
    }

    /** {@code meta} with {@code owner} as its controller (other owner references kept). */
    public static ObjectMeta withController(ObjectMeta meta, ApiObject owner) {
        List<OwnerReference> refs = new ArrayList<>(meta.ownerReferences().stream()
                .filter(r -> !Objects.equals(r.uid(), owner.metadata().uid())).toList());
        refs.add(OwnerReference.controllerOf(owner));
        return meta.toBuilder().ownerReferences(refs).build();
    }

    /** {@code meta} without {@code owner}'s reference. */
    public static ObjectMeta without(ObjectMeta meta, ApiObject owner) {
        return meta.toBuilder().ownerReferences(meta.ownerReferences().stream()
                .filter(r -> !Objects.equals(r.uid(), owner.metadata().uid())).toList()).build();
    }
}
