package dev.jk8s.proxy.userspace;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted client and its connection to an endpoint. The endpoint is connected without
 * blocking; one that refuses or does not answer within {@link #CONNECT_TIMEOUT} is left for the
 * next one the {@link Balancer} picks (as kube-proxy's userspace mode retried), and the client is
 * closed only when every endpoint failed. Then bytes flow both ways, each direction half-closed on
 * its own, and both sockets are closed once both directions ended or either fails.
 * Not thread-safe: the selector thread only.
 */
final class Connection implements SelectorLoop.Handler {

    /** How long an endpoint may take to accept before the next is tried. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final SocketChannel client;
    private final Balancer balancer;
    private final Selector selector;
    private final Set<Connection> open;
    private final InetAddress clientIp;
    private final Set<String> tried = new HashSet<>();
    private SelectionKey clientKey;
    private SocketChannel backend;
    private SelectionKey backendKey;
    private String endpoint;
    private long deadline;
    private Flow up; // client to endpoint; null while connecting
    private Flow down;

    private Connection(SocketChannel client, Balancer balancer, Selector selector, Set<Connection> open) throws IOException {
        this.client = client;
        this.balancer = balancer;
        this.selector = selector;
        this.open = open;
        this.clientIp = ((InetSocketAddress) client.getRemoteAddress()).getAddress();
    }

    /** Takes over {@code client} (just accepted): connects it to an endpoint, registered in {@code open} until closed. */
    static void start(SocketChannel client, Balancer balancer, Selector selector, Set<Connection> open) {
        try {
            client.configureBlocking(false);
            Connection c = new Connection(client, balancer, selector, open);
            c.clientKey = client.register(selector, 0, c); // read nothing from the client before its endpoint is there
            open.add(c);
            c.connectNext();
        } catch (IOException e) {
            LOG.debug("{}: client gone before it was served: {}", balancer.id(), e.toString());
            closeQuietly(client);
        }
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            if (up == null) {
                if (backend.finishConnect()) {
                    connected();
                }
            } else {
                pump();
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    /** Gives up on an endpoint that has not accepted within {@link #CONNECT_TIMEOUT} of {@code now}. */
    void expire(long now) {
        if (up == null && backend != null && now - deadline > 0) {
            failed(new ConnectException("no answer within " + CONNECT_TIMEOUT.toMillis() + " ms"));
        }
    }

    /** Closes both sockets. Idempotent. */
    void close() {
        closeQuietly(client);
        closeQuietly(backend);
        open.remove(this);
    }

    private void connectNext() {
        endpoint = balancer.pick(clientIp, tried);
        if (endpoint == null) {
            LOG.warn("{}: no endpoint accepted a connection (tried {}); closing the client {}", balancer.id(), tried, clientIp);
            close();
            return;
        }
        tried.add(endpoint);
        try {
            backend = SocketChannel.open();
            backend.configureBlocking(false);
            deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
            backendKey = backend.register(selector, SelectionKey.OP_CONNECT, this);
            if (backend.connect(address(endpoint))) {
                connected();
            }
        } catch (IOException | RuntimeException e) { // RuntimeException: an endpoint that is no IP address
            failed(e);
        }
    }

    private void failed(Exception e) {
        if (up != null) {
            LOG.debug("{}: connection {} -> {} ended: {}", balancer.id(), clientIp, endpoint, e.toString());
            close();
            return;
        }
        LOG.info("{}: endpoint {} failed for {} ({}); trying the next", balancer.id(), endpoint, clientIp, e.toString());
        closeQuietly(backend);
        backend = null;
        connectNext();
    }

    private void connected() throws IOException {
        up = new Flow(client, backend);
        down = new Flow(backend, client);
        pump();
    }

    private void pump() throws IOException {
        up.pump();
        down.pump();
        if (up.done() && down.done()) {
            close();
            return;
        }
        clientKey.interestOps(up.sourceOps() | down.sinkOps());
        backendKey.interestOps(down.sourceOps() | up.sinkOps());
    }

    private static InetSocketAddress address(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return new InetSocketAddress(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)));
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("closing {}: {}", channel, e.toString());
        }
    }
}
