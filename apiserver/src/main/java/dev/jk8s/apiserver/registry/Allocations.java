package dev.jk8s.apiserver.registry;

import dev.jk8s.api.ApiObject;
import java.util.List;

/**
 * Values a kind takes from a pool shared by all its objects when one is created, and gives back
 * when it goes: Services' clusterIPs and nodePorts. Unlike a {@link Strategy} this writes (the
 * pools' records), so the registry calls it around its own writes: {@link #allocate} before a
 * create is stored and {@link #release} if that store fails or once the object is removed;
 * {@link #reallocate} on updates; {@link #repair} at start, from the objects that exist, so that
 * a value a crash left taken is free again. Implementations are thread-safe.
 */
public interface Allocations<T extends ApiObject> {

    /**
     * The object with its values allocated.
     *
     * @throws dev.jk8s.api.ApiException Invalid, naming the field, when a requested value is taken or out of range
     */
    T allocate(T object);

    /** Gives back what {@code object} holds. */
    void release(T object);

    /** The update with what it keeps of {@code old} and what it newly asks for; gives back what it dropped. */
    T reallocate(T next, T old);

    /** Rebuilds the pools from the objects that exist. */
    void repair(List<T> existing);

    /** Whether there is anything to allocate ({@link #none} has nothing). */
    default boolean allocates() {
        return true;
    }

    static <T extends ApiObject> Allocations<T> none() {
        return new Allocations<>() {
            @Override
            public T allocate(T object) {
                return object;
            }

            @Override
            public void release(T object) {
            }

            @Override
            public T reallocate(T next, T old) {
                return next;
            }

            @Override
            public void repair(List<T> existing) {
            }

            @Override
            public boolean allocates() {
                return false;
            }
        };
    }
}
