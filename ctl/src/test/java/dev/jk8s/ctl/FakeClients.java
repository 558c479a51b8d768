package dev.jk8s.ctl;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import java.util.LinkedHashMap;
import java.util.Map;

/** In-memory {@link Clients}: one {@link FakeKindClient} per kind, sharing one revision counter like etcd. */
public final class FakeClients implements Clients {

    private final Map<Kind<?>, FakeKindClient<?>> byKind = new LinkedHashMap<>();
    private final long[] revision = {100};

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T extends ApiObject> FakeKindClient<T> of(Kind<T> kind) {
        return (FakeKindClient<T>) byKind.computeIfAbsent(kind, k -> new FakeKindClient<>(kind, revision));
    }

    @Override
    public String server() {
        return "fake:6443";
    }

    @Override
    public void close() {
    }
}
