package dev.jk8s.controllermanager.garbagecollector;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.controllermanager.controller.ApiReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who owns whom, read from the informers' caches of every kind (each indexed by its owners'
 * uids), with the apiserver asked directly before an owner is declared gone: a cache that lags
 * (an owner created a moment ago) must never get a dependent deleted. Thread-safe.
 */
final class OwnerGraph {

    static final String OWNER_UID_INDEX = "owner-uid";

    private final Map<Kind<?>, Indexer<? extends ApiObject>> caches;
    private final ApiReader reader;

    OwnerGraph(Map<Kind<?>, Indexer<? extends ApiObject>> caches, ApiReader reader) {
        this.caches = caches;
        this.reader = reader;
    }

    /** What the index function of every cache returns: the uids of the object's owners. */
    static Collection<String> ownerUids(ApiObject o) {
        return o.metadata().ownerReferences().stream().map(OwnerReference::uid).filter(Objects::nonNull).toList();
    }

    Optional<? extends ApiObject> get(Kind<?> kind, String key) {
        Indexer<? extends ApiObject> cache = caches.get(kind);
        return cache == null ? Optional.empty() : cache.get(key);
    }

    /** Every cached object that names {@code owner} (by uid) among its owners. */
    List<ApiObject> dependents(ApiObject owner) {
        List<ApiObject> out = new ArrayList<>();
        caches.values().forEach(c -> out.addAll(c.byIndex(OWNER_UID_INDEX, owner.metadata().uid())));
        return out;
    }

    /** The state of each owner {@code dependent} names. */
    List<OwnerState> owners(ApiObject dependent) {
        return dependent.metadata().ownerReferences().stream().map(ref -> new OwnerState(ref, state(ref, dependent))).toList();
    }

    private OwnerState.State state(OwnerReference ref, ApiObject dependent) {
        Optional<Kind<?>> kind = Kinds.byKind(ref.kind());
        if (kind.isEmpty()) {
            return OwnerState.State.PRESENT; // a kind we do not serve: never delete on its account
        }
        String namespace = kind.get().namespaced() ? dependent.metadata().namespace() : null;
        String key = namespace == null ? ref.name() : namespace + "/" + ref.name();
        Optional<? extends ApiObject> owner = get(kind.get(), key).filter(o -> Objects.equals(o.metadata().uid(), ref.uid()));
        if (owner.isEmpty()) {
            owner = reader.get(kind.get(), namespace, ref.name()).filter(o -> Objects.equals(o.metadata().uid(), ref.uid()));
        }
        if (owner.isEmpty()) {
            return OwnerState.State.GONE;
        }
        boolean waiting = owner.get().metadata().isTerminating()
                && owner.get().metadata().finalizers().contains(GarbageCollector.FOREGROUND);
        return waiting ? OwnerState.State.WAITING_FOR_DEPENDENTS : OwnerState.State.PRESENT;
    }
}
