package dev.jk8s.ctl;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.client.AccessCheck;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectOptions;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.LogOptions;
import dev.jk8s.client.ObjectList;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.ServerVersion;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchHandler;
import dev.jk8s.client.WatchOptions;
import java.io.OutputStream;

/**
 * Where commands get their {@link KindClient}s: the apiserver at one address. Closing it
 * closes the connection it opened (not one it was handed). Thread-safe.
 */
public interface Clients extends AutoCloseable {

    <T extends ApiObject> KindClient<T> of(Kind<T> kind);

    /** host:port of the apiserver, for messages. */
    String server();

    /**
     * Copies a container's log to {@code out} until it ends (with follow: until the container
     * stops, the thread is interrupted, or writing fails).
     */
    void logs(String namespace, String pod, LogOptions options, OutputStream out);

    /** The apiserver's build. */
    ServerVersion serverVersion();

    /** Whether a request would be allowed. */
    AccessCheck.Answer reviewAccess(AccessCheck check);

    @Override
    void close();

    /** Connects lazily on first use, and closes the connection on {@link #close()}. */
    static Clients connect(ServerAccess access) {
        return new Remote(access.server(), ConnectOptions.DEFAULT.withBearerToken(access.token())
                .withCertificateAuthority(access.certificateAuthority()), null);
    }

    /** Uses an existing connection (e.g. a test's), which stays open on {@link #close()}. */
    static Clients of(ApiClient client) {
        return new Remote(client.target(), ConnectOptions.DEFAULT, client);
    }

    /** The real clients over gRPC. */
    final class Remote implements Clients {
        private final String server;
        private final ConnectOptions options;
        private final boolean owned;
        private ApiClient client;

        private Remote(String server, ConnectOptions options, ApiClient client) {
            this.server = server;
            this.options = options;
            this.client = client;
            this.owned = client == null;
        }

        @Override
        public <T extends ApiObject> KindClient<T> of(Kind<T> kind) {
            return new Adapter<>(connection().resource(kind));
        }

        private synchronized ApiClient connection() {
            if (client == null) {
                client = ApiClient.connect(server, options);
            }
            return client;
        }

        @Override
        public String server() {
            return server;
        }

        @Override
        public void logs(String namespace, String pod, LogOptions options, OutputStream out) {
            connection().logs().copy(namespace, pod, options, out);
        }

        @Override
        public ServerVersion serverVersion() {
            return connection().serverVersion();
        }

        @Override
        public AccessCheck.Answer reviewAccess(AccessCheck check) {
            return connection().reviewAccess(check);
        }

        @Override
        public synchronized void close() {
            if (owned && client != null) {
                client.close();
                client = null;
            }
        }
    }

    /** A {@link KindClient} over a {@link ResourceClient}: every call delegates. */
    record Adapter<T extends ApiObject>(ResourceClient<T> delegate) implements KindClient<T> {
        @Override
        public Kind<T> kind() {
            return delegate.kind();
        }

        @Override
        public T get(String namespace, String name) {
            return delegate.get(namespace, name);
        }

        @Override
        public ObjectList<T> list(String namespace, ListOptions options) {
            return delegate.list(namespace, options);
        }

        @Override
        public T create(T object, boolean dryRun) {
            return delegate.create(object, dryRun);
        }

        @Override
        public T update(T object, boolean dryRun) {
            return delegate.update(object, dryRun);
        }

        @Override
        public T delete(String namespace, String name, DeleteOptions options) {
            return delegate.delete(namespace, name, options);
        }

        @Override
        public Watch watch(String namespace, WatchOptions options, WatchHandler<T> handler) {
            return delegate.watch(namespace, options, handler);
        }
    }
}
