package dev.jk8s.proxy.userspace;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening socket of one service port, on its cluster IP or on a node port: every client it
 * accepts becomes a {@link Connection} to the endpoint its {@link Balancer} picks. The balancer
 * can be replaced while it listens, so a sync leaves it and its connections alone.
 * Not thread-safe: the selector thread only.
 */
final class Listener implements SelectorLoop.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    private static final int BACKLOG = 1024;

    private final ServerSocketChannel channel;
    private final InetSocketAddress address;
    private final Set<Connection> open;
    private Balancer balancer;
    private SelectionKey pausedKey; // set while accepting failed: not selected again until the next tick

    private Listener(ServerSocketChannel channel, InetSocketAddress address, Balancer balancer, Set<Connection> open) {
        this.channel = channel;
        this.address = address;
        this.balancer = balancer;
        this.open = open;
    }

    /** Listens on {@code address}, registered with {@code selector}; its connections join {@code open}. */
    static Listener open(Selector selector, InetSocketAddress address, Balancer balancer, Set<Connection> open) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.bind(address, BACKLOG);
            Listener listener = new Listener(channel, address, balancer, open);
            channel.register(selector, SelectionKey.OP_ACCEPT, listener);
            LOG.info("{}: listening on {}", balancer.id(), address);
            return listener;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** New connections go to {@code balancer}'s endpoints; existing ones stay where they are. */
    void balancer(Balancer balancer) {
        this.balancer = balancer;
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            for (SocketChannel client; (client = channel.accept()) != null; ) {
                Connection.start(client, balancer, key.selector(), open);
            }
        } catch (IOException e) {
            // e.g. out of file descriptors: the client stays in the backlog, so the key would be ready
            // again at once; stop selecting it until the next tick instead of spinning
            key.interestOps(0);
            pausedKey = key;
            LOG.warn("{}: cannot accept on {} ({}); trying again in a moment", balancer.id(), address, e.toString());
        }
    }

    /** Accepts again after a failure paused it; a no-op otherwise. */
    void resume() {
        if (pausedKey != null && pausedKey.isValid()) {
            pausedKey.interestOps(SelectionKey.OP_ACCEPT);
        }
        pausedKey = null;
    }

    /** Stops listening; connections already accepted go on. Idempotent. */
    void close() {
        try {
            channel.close();
            LOG.info("{}: stopped listening on {}", balancer.id(), address);
        } catch (IOException e) {
            LOG.warn("{}: closing the listener on {}: {}", balancer.id(), address, e.toString());
        }
    }
}
