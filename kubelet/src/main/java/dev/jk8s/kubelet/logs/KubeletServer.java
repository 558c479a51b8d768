package dev.jk8s.kubelet.logs;

import dev.jk8s.kubelet.runtime.ContainerRuntime;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.SslContext;
import dev.jk8s.client.Threads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's gRPC endpoint, serving {@link KubeletLogService}: over TLS, to clients with a
 * certificate of its client CA only (the apiserver), when given {@link ServingTls}; else plaintext. Its port is what the node reports as
 * {@code status.daemonEndpoints.kubeletEndpoint.Port}. Thread-safe; {@link #close()} is idempotent.
 */
public final class KubeletServer implements AutoCloseable {

    private final Server server;
    private final ExecutorService owned;

    private KubeletServer(Server server, ExecutorService owned) {
        this.server = server;
        this.owned = owned;
    }

    /**
     * Serves the logs of {@code node}'s containers on {@code host:port} (0: a free port, see
     * {@link #port()}), starting streams on a pool of daemon threads that {@link #close()} ends.
     * {@code tls}: null serves plaintext.
     *
     * @throws IOException when the address cannot be bound (e.g. the port is in use)
     * @throws IllegalArgumentException when a file of {@code tls} cannot be read or used
     */
    public static KubeletServer start(String host, int port, String node, ContainerRuntime runtime, ServingTls tls)
            throws IOException {
        SslContext context = tls == null ? null : tls.context();
        ExecutorService pool = Executors.newCachedThreadPool(Threads.daemon("kubelet-logs-" + node));
        try {
            return new KubeletServer(serve(host, port, new KubeletLogService(node, runtime, pool), context), pool);
        } catch (IOException | RuntimeException e) {
            pool.shutdownNow();
            throw e;
        }
    }

    /** Serves {@code service} (whose executor the caller owns) on {@code host:port}; 0: a free port; {@code tls} null: plaintext. */
    public static KubeletServer start(String host, int port, KubeletLogService service, ServingTls tls) throws IOException {
        return new KubeletServer(serve(host, port, service, tls == null ? null : tls.context()), null);
    }

    private static Server serve(String host, int port, KubeletLogService service, SslContext tls) throws IOException {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress(host, port)).sslContext(tls).addService(service)
                    .build().start();
        } catch (IOException e) {
            throw new IOException("the kubelet cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + "; choose another --port or stop what holds it", e);
        }
    }

    /** The port bound (the one picked when started with 0). */
    public int port() {
        return server.getPort();
    }

    /** Ends every call and the listener; returns once done (at most ~5 s). */
    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
