package dev.jk8s.controllermanager.namespace;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.controllermanager.controller.ApiReader;
import java.util.List;

/**
 * The namespace controller's one read: what a namespace holds of one kind, as the apiserver has
 * it now. Not from an informer, as Kubernetes' namespace controller does not read caches either:
 * a cache that lags would let it finalize a namespace that still has content. A seam, so that the
 * controller's tests answer without an apiserver. Errors are {@link dev.jk8s.api.ApiException}s.
 */
@FunctionalInterface
public interface NamespaceContent {

    /** Every object of {@code kind} (a namespaced kind) in {@code namespace}, terminating or not. */
    List<? extends ApiObject> list(Kind<?> kind, String namespace);

    /** Lists through {@code reader}, every page. */
    static NamespaceContent of(ApiReader reader) {
        return reader::list;
    }
}
