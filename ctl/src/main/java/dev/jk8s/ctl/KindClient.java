package dev.jk8s.ctl;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Reason;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ObjectList;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchHandler;
import dev.jk8s.client.WatchOptions;
import java.util.function.UnaryOperator;

/**
 * The calls jctl makes on one kind: the subset of {@link dev.jk8s.client.ResourceClient} the
 * commands need, as an interface so that commands run against a fake in unit tests and against
 * the real client everywhere else. Failures are {@link ApiException}s. Implementations are
 * thread-safe; a null namespace in {@link #list} means all namespaces.
 */
public interface KindClient<T extends ApiObject> {

    /** How many times {@link #guaranteedUpdate} re-reads after a Conflict before giving up. */
    int MAX_CONFLICT_RETRIES = 10;

    Kind<T> kind();

    T get(String namespace, String name);

    ObjectList<T> list(String namespace, ListOptions options);

    T create(T object, boolean dryRun);

    /** Compare-and-swap when the object carries a resourceVersion. */
    T update(T object, boolean dryRun);

    T delete(String namespace, String name, DeleteOptions options);

    Watch watch(String namespace, WatchOptions options, WatchHandler<T> handler);

    /** Reads, applies the pure {@code change} and writes with compare-and-swap, retrying on Conflict. */
    default T guaranteedUpdate(String namespace, String name, UnaryOperator<T> change) {
        for (int attempt = 1; ; attempt++) {
            T current = get(namespace, name);
            try {
                return update(change.apply(current), false);
            } catch (ApiException e) {
                if (!e.is(Reason.CONFLICT) || attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }
}
