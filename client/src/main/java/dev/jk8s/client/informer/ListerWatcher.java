package dev.jk8s.client.informer;

import dev.jk8s.api.ApiObject;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ObjectList;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchHandler;
import dev.jk8s.client.WatchOptions;

/**
 * Where an informer reads from: one fixed set of objects (kind, namespace, selectors) that can be
 * listed and watched. {@link #of} adapts a {@link ResourceClient}; tests pass a fake.
 * Implementations must be thread-safe.
 */
public interface ListerWatcher<T extends ApiObject> {

    /** Page size an informer lists with unless the options ask for another. */
    int DEFAULT_PAGE_SIZE = 500;

    /** Every matching object and the revision they were read at. Throws {@link dev.jk8s.api.ApiException}. */
    ObjectList<T> list();

    /** Watches changes after {@code resourceVersion}; the handler gets events then exactly one close. */
    Watch watch(long resourceVersion, WatchHandler<T> handler);

    /** Lists (all pages) and watches {@code namespace} (null: all) with the options' selectors. */
    static <T extends ApiObject> ListerWatcher<T> of(ResourceClient<T> client, String namespace, ListOptions options) {
        ListOptions paged = options.limit() > 0 ? options : options.withLimit(DEFAULT_PAGE_SIZE);
        return new ListerWatcher<>() {
            @Override
            public ObjectList<T> list() {
                return client.list(namespace, paged);
            }

            @Override
            public Watch watch(long resourceVersion, WatchHandler<T> handler) {
                return client.watch(namespace, WatchOptions.from(options, resourceVersion), handler);
            }
        };
    }
}
