package dev.jk8s.controllermanager.controller;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.client.ApiClient;
import java.util.List;
import java.util.Optional;

/**
 * Reads straight from the apiserver, for the few decisions a cache that lags must not make:
 * whether an owner is really gone before its dependents are deleted, whether a namespace is
 * really empty before it is finalized. Everything else reads the informers' caches. Thread-safe.
 */
public interface ApiReader {

    /** The object as the apiserver has it now; empty when it does not exist. */
    <T extends ApiObject> Optional<T> get(Kind<T> kind, String namespace, String name);

    /** Every object of {@code kind} in {@code namespace} (null: all), every page. */
    <T extends ApiObject> List<T> list(Kind<T> kind, String namespace);

    static ApiReader of(ApiClient client) {
        return new ApiReader() {
            @Override
            public <T extends ApiObject> Optional<T> get(Kind<T> kind, String namespace, String name) {
                try {
                    return Optional.of(client.resource(kind).get(kind.namespaced() ? namespace : null, name));
                } catch (ApiException e) {
                    if (ApiException.isNotFound(e)) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }

            @Override
            public <T extends ApiObject> List<T> list(Kind<T> kind, String namespace) {
                return client.resource(kind).list(namespace).items();
            }
        };
    }
}
