package dev.jk8s.controllermanager.controller;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.client.DeleteOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Records what a controller writes, as lines like {@code create pods default/web-1}, and answers
 * as an apiserver would: generated names get a counter suffix, created objects a uid and a
 * resourceVersion. {@link #failing} makes chosen writes fail. Thread-safe.
 */
public final class FakeApiWriter implements ApiWriter {

    /** Every write, in order. */
    public final List<String> actions = new CopyOnWriteArrayList<>();
    /** The objects written (created, updated or status-updated), in order. */
    public final List<ApiObject> written = new CopyOnWriteArrayList<>();
    private final AtomicInteger names = new AtomicInteger();
    private volatile Function<String, ApiException> failing = action -> null;

    /** Makes a write fail with the exception the function returns for its action line (null: it succeeds). */
    public FakeApiWriter failing(Function<String, ApiException> failure) {
        this.failing = failure;
        return this;
    }

    @Override
    public <T extends ApiObject> T create(Kind<T> kind, T object) {
        var meta = object.metadata();
        String name = meta.name() != null ? meta.name() : meta.generateName() + "x" + names.incrementAndGet();
        T created = kind.cast(object.withMetadata(meta.toBuilder().name(name).uid("uid-" + name)
                .resourceVersion(String.valueOf(names.incrementAndGet())).build()));
        return record("create " + kind.resource() + " " + key(meta.namespace(), name), created);
    }

    @Override
    public <T extends ApiObject> T update(Kind<T> kind, T object) {
        return record("update " + kind.resource() + " " + key(object), object);
    }

    @Override
    public <T extends ApiObject> T updateStatus(Kind<T> kind, T object) {
        return record("status " + kind.resource() + " " + key(object), object);
    }

    @Override
    public <T extends ApiObject> void delete(Kind<T> kind, String namespace, String name, DeleteOptions options) {
        String action = "delete " + kind.resource() + " " + key(namespace, name)
                + (options.propagationPolicy() == null ? "" : " (" + options.propagationPolicy() + ")");
        fail(action);
        actions.add(action);
    }

    /** The actions that start with {@code prefix} (e.g. "create pods"). */
    public List<String> actions(String prefix) {
        return actions.stream().filter(a -> a.startsWith(prefix)).toList();
    }

    private <T extends ApiObject> T record(String action, T object) {
        fail(action);
        actions.add(action);
        written.add(object);
        return object;
    }

    private void fail(String action) {
        ApiException e = failing.apply(action);
        if (e != null) {
            throw e;
        }
    }

    private static String key(ApiObject o) {
        return key(o.metadata().namespace(), o.metadata().name());
    }

    private static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
