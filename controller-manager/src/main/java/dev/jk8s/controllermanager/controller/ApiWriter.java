package dev.jk8s.controllermanager.controller;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.DeleteOptions;

/**
 * The writes controllers make. Reads come from informer caches; every write goes through here,
 * so that a controller's test can record what it did instead of calling an apiserver. Updates are
 * compare-and-swap on the object's resourceVersion (a stale one fails with Conflict). Errors are
 * {@link dev.jk8s.api.ApiException}s. Implementations are thread-safe.
 */
public interface ApiWriter {

    <T extends ApiObject> T create(Kind<T> kind, T object);

    <T extends ApiObject> T update(Kind<T> kind, T object);

    <T extends ApiObject> T updateStatus(Kind<T> kind, T object);

    <T extends ApiObject> void delete(Kind<T> kind, String namespace, String name, DeleteOptions options);

    /** Writes through {@code client}. */
    static ApiWriter of(ApiClient client) {
        return new ApiWriter() {
            @Override
            public <T extends ApiObject> T create(Kind<T> kind, T object) {
                return client.resource(kind).create(object);
            }

            @Override
            public <T extends ApiObject> T update(Kind<T> kind, T object) {
                return client.resource(kind).update(object);
            }

            @Override
            public <T extends ApiObject> T updateStatus(Kind<T> kind, T object) {
                return client.resource(kind).updateStatus(object);
            }

            @Override
            public <T extends ApiObject> void delete(Kind<T> kind, String namespace, String name, DeleteOptions options) {
                client.resource(kind).delete(namespace, name, options);
            }
        };
    }
}
