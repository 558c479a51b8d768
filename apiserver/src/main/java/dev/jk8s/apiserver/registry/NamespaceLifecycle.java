package dev.jk8s.apiserver.registry;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.NamespaceStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Kubernetes' NamespaceLifecycle admission: a namespaced object may be created only in a
 * namespace that exists and is not terminating. Reads the namespaces' watch cache, and etcd
 * when the cache has not seen a just-created namespace yet.
 */
final class NamespaceLifecycle implements Admission {

    private final Function<String, Optional<Namespace>> namespaces;

    NamespaceLifecycle(Function<String, Optional<Namespace>> namespaces) {
        this.namespaces = namespaces;
    }

    @Override
    public void admitCreate(Kind<?> kind, ApiObject object) {
        if (!kind.namespaced()) {
            return;
        }
        String ns = object.metadata().namespace();
        Namespace namespace = namespaces.apply(ns).orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "namespaces",
                ns, "namespaces \"" + ns + "\" not found: create the namespace before creating "
                + kind.resource() + " in it", List.of()));
        if (namespace.metadata().isTerminating() || NamespaceStatus.TERMINATING.equals(namespace.status().phase())) {
            throw new ApiException(Reason.FORBIDDEN, kind.resource(), object.metadata().name(),
                    kind.resource() + " \"" + object.metadata().name() + "\" is forbidden: unable to create new content"
                            + " in namespace " + ns + " because it is being terminated", List.of());
        }
    }
}
