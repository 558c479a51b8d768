package dev.jk8s.ctl;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.AccessCheck;
import dev.jk8s.client.LogOptions;
import dev.jk8s.client.ServerVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.Map;

/** In-memory {@link Clients}: one {@link FakeKindClient} per kind, sharing one revision counter like etcd. */
public final class FakeClients implements Clients {

    private final Map<Kind<?>, FakeKindClient<?>> byKind = new LinkedHashMap<>();
    private final long[] revision = {100};
    /** Every {@link #reviewAccess} question, in order. */
    public final List<AccessCheck> accessChecks = new CopyOnWriteArrayList<>();
    /** How {@link #reviewAccess} answers (default: allowed, about "admin"). */
    public volatile Function<AccessCheck, AccessCheck.Answer> access = c -> new AccessCheck.Answer(true, "", "admin");
    /** Every {@link #logs} call's options, in order. */
    public final List<LogOptions> logRequests = new CopyOnWriteArrayList<>();

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T extends ApiObject> FakeKindClient<T> of(Kind<T> kind) {
        return (FakeKindClient<T>) byKind.computeIfAbsent(kind, k -> new FakeKindClient<>(kind, revision));
    }

    @Override
    public String server() {
        return "fake:6443";
    }

    /** What {@link #logs} prints for a pod's container: "log of NS/POD/CONTAINER", one line per call. */
    @Override
    public void logs(String namespace, String pod, LogOptions options, OutputStream out) {
        FakeKindClient<Pod> pods = of(Kinds.POD);
        pods.get(namespace, pod);
        logRequests.add(options);
        try {
            out.write(("log of " + namespace + "/" + pod + "/" + options.container() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public AccessCheck.Answer reviewAccess(AccessCheck check) {
        accessChecks.add(check);
        return access.apply(check);
    }

    @Override
    public ServerVersion serverVersion() {
        return new ServerVersion("9.9.9-fake", "17.0.1", "linux/amd64");
    }

    @Override
    public void close() {
    }
}
