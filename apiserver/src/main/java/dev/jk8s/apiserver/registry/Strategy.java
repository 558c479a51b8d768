package dev.jk8s.apiserver.registry;

import dev.jk8s.api.ApiObject;
import java.time.Instant;
import java.util.List;

/**
 * The per-kind part of the registry's write path, beyond defaults and validation: what a
 * create resets, how long deletion waits, and what else besides finalizers holds deletion back.
 * Every method is a pure function of its arguments. The default is right for most kinds.
 */
public interface Strategy<T extends ApiObject> {

    /** Whether a create may carry a status (nodes register with theirs); otherwise it is dropped. */
    default boolean keepsStatusOnCreate() {
        return false;
    }

    /** The object as stored on create, after its status was dropped (e.g. the initial phase set). */
    default T prepareForCreate(T object, Instant now) {
        return object;
    }

    /** The update as stored, given the stored object: e.g. values allocated on create are carried over. */
    default T prepareForUpdate(T object, T old) {
        return object;
    }

    /** Seconds deletion waits for (0: delete now), given the requested grace (null: the object's default). */
    default long gracePeriodSeconds(T object, Long requested) {
        return 0;
    }

    /** Besides metadata.finalizers, what still holds the object back from removal (e.g. a namespace's spec.finalizers). */
    default List<String> extraFinalizers(T object) {
        return List.of();
    }

    /** The object as it enters termination (e.g. a namespace's phase becomes Terminating). */
    default T markTerminating(T object) {
        return object;
    }

    static <T extends ApiObject> Strategy<T> standard() {
        return new Strategy<>() {
        };
    }
}
