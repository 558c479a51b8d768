package dev.jk8s.client.informer;

import java.util.function.Consumer;

/**
 * Receives a {@link SharedInformer}'s changes, on the informer's dispatch thread, one call at a
 * time and in the order the changes happened. The cache already holds the change when a method
 * runs.
 *
 * <p>Implementations should only enqueue keys and return: a slow handler delays every other
 * handler of the informer. The objects are shared with the cache and must not be mutated (they
 * are immutable records). An exception is logged and does not stop the informer.
 * Every method defaults to doing nothing.
 */
public interface ResourceEventHandler<T> {

    /** The object appeared: it was created, or it is seen for the first time (first list, or a relist). */
    default void onAdd(T object) {
    }

    /** The object changed; {@code oldObject} is the state the cache had before. */
    default void onUpdate(T oldObject, T newObject) {
    }

    /**
     * The object is gone, or no longer matches the informer's selectors; {@code last} is its last
     * known state. A deletion missed while disconnected is delivered after the next relist.
     */
    default void onDelete(T last) {
    }

    /** A handler that does the same for every change, given the new object (the last state on delete). */
    static <T> ResourceEventHandler<T> onChange(Consumer<? super T> action) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                action.accept(object);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                action.accept(newObject);
            }

            @Override
            public void onDelete(T last) {
                action.accept(last);
            }
        };
    }
}
