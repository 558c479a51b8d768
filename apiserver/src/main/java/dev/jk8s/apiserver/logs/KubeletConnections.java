package dev.jk8s.apiserver.logs;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel per kubelet endpoint, made on first use and kept (idle channels release
 * their connection by themselves after a minute). Thread-safe; {@link #close} ends them all.
 */
final class KubeletConnections implements AutoCloseable {

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ManagedChannel channel(String endpoint) {
        if (closed) {
            throw new IllegalStateException("the apiserver is shutting down");
        }
        return channels.computeIfAbsent(endpoint, e -> NettyChannelBuilder.forTarget(e)
                .usePlaintext()
                .idleTimeout(1, TimeUnit.MINUTES)
                .build());
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
