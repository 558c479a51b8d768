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

    /** The object as stored on create (e.g. status reset to its initial value). Status is dropped by default. */
    default T prepareForCreate(T object, Instant now) {
        return Objects2.withoutStatus(object);
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
