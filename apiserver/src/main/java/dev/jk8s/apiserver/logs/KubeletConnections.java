package dev.jk8s.apiserver.logs;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel per kubelet endpoint, made on first use and kept (idle channels release
 * their connection by themselves after a minute); over TLS when given a context (the kubelets'
 * CA, and the client certificate they require), else plaintext. Thread-safe; {@link #close} ends them all.
 */
final class KubeletConnections implements AutoCloseable {

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final SslContext tls;
    private volatile boolean closed;

    KubeletConnections(SslContext tls) {
        this.tls = tls;
    }

    ManagedChannel channel(String endpoint) {
        if (closed) {
            throw new IllegalStateException("the apiserver is shutting down");
        }
        return channels.computeIfAbsent(endpoint, e -> {
            NettyChannelBuilder b = NettyChannelBuilder.forTarget(e).idleTimeout(1, TimeUnit.MINUTES);
            return (tls == null ? b.usePlaintext() : b.sslContext(tls)).build();
        });
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
