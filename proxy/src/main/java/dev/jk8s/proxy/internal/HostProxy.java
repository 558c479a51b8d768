package dev.jk8s.proxy.internal;

import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectOptions;
import dev.jk8s.proxy.HostLock;
import dev.jk8s.proxy.Proxier;
import dev.jk8s.proxy.ProxyServer;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's proxy on a host whose kernel other nodes share: on its own thread it waits for the
 * host's {@link HostLock} (standby: not even connected to the apiserver), then connects and
 * routes, retrying with back-off (1 s doubling to 30 s) while the apiserver cannot be reached,
 * since the proxy it replaces is gone. {@link #problem} and {@link #metrics} answer for
 * {@code /healthz} and {@code /metrics} in every state. Thread-safe.
 */
public final class HostProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostProxy.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Path lockFile;
    private final String apiserver;
    private final ConnectOptions connect;
    private final Proxier proxier;
    private final ProxyServer.Options options;
    private final String mode;
    private final Thread starter;
    private volatile String standbyBehind; // what the lock's holder wrote, while this one waits
    private volatile String lastError;
    private volatile ProxyServer routing;
    private volatile ApiClient client;
    private volatile HostLock lock; // held until close: an unreachable channel is closed by the collector, unlocking

    private HostProxy(Path lockFile, String apiserver, ConnectOptions connect, Proxier proxier, ProxyServer.Options options,
                      String mode) {
        this.lockFile = lockFile;
        this.apiserver = apiserver;
        this.connect = connect;
        this.proxier = proxier;
        this.options = options;
        this.mode = mode;
        this.starter = new Thread(this::run, "proxy-start");
    }

    /** Starts waiting for the lock; returns at once. {@code mode} only names the proxier in messages. */
    public static HostProxy start(Path lockFile, String apiserver, ConnectOptions connect, Proxier proxier,
                                  ProxyServer.Options options, String mode) {
        HostProxy proxy = new HostProxy(lockFile, apiserver, connect, proxier, options, mode);
        proxy.starter.start();
        return proxy;
    }

    private void run() {
        try {
            lock = HostLock.acquire(lockFile, apiserver, this::standby);
        } catch (ClosedByInterruptException e) {
            return; // closed while on standby
        } catch (IOException e) {
            fail("cannot lock " + lockFile + " (" + e + "); run every proxy of this host as one user, or pass --lock-file");
            return;
        }
        standbyBehind = null;
        routeUntilStarted();
    }

    private void routeUntilStarted() {
        Duration backoff = Duration.ofSeconds(1);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                client = ApiClient.connect(apiserver, connect);
                routing = ProxyServer.start(client, proxier, options);
                lastError = null;
                System.err.printf("proxy: %s mode routing this host's service traffic%n", mode);
                return;
            } catch (Exception e) {
                closeClient();
                fail(String.valueOf(e.getMessage() == null ? e : e.getMessage()) + "; retrying in " + backoff.toSeconds() + " s");
            }
            try {
                Thread.sleep(backoff.toMillis()); // back-off between attempts, not a wait for an event
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void standby(String holder) {
        standbyBehind = holder;
        System.err.printf("proxy: standby: the proxy %s routes this host's service traffic (lock %s); this one takes over"
                + " when it stops%n", describe(holder), lockFile);
    }

    private void fail(String message) {
        lastError = message;
        System.err.println("proxy: error: " + message);
    }

    /** Why {@code /healthz} should not answer ok, if it should not. */
    public Optional<String> problem() {
        ProxyServer r = routing;
        if (r != null) {
            return r.problem();
        }
        String holder = standbyBehind;
        if (holder != null) {
            return holder.endsWith(" " + apiserver) ? Optional.empty() : Optional.of("standby behind the proxy "
                    + describe(holder) + ", which serves another cluster's Services: this cluster's are not routed here");
        }
        String error = lastError;
        return Optional.of(error != null ? error : "starting: securing the service range and syncing the rules");
    }

    /** {@code /metrics}: the routing proxy's metrics, or a comment saying why there are none. */
    public String metrics() {
        ProxyServer r = routing;
        if (r != null) {
            return r.metrics().text();
        }
        return standbyBehind != null ? "# standby: another proxy routes this host's service traffic\n" : "# starting\n";
    }

    private static String describe(String holder) {
        String[] parts = holder.split(" ", 2);
        return "with pid " + parts[0] + (parts.length > 1 ? " (apiserver " + parts[1] + ")" : "");
    }

    private void closeClient() {
        ApiClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }

    /** Stops waiting or routing (the rules stay) and releases the lock. */
    @Override
    public void close() {
        starter.interrupt();
        try {
            starter.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (routing != null) {
            routing.close();
        }
        closeClient();
        try {
            if (lock != null) {
                lock.close();
            }
        } catch (IOException e) {
            LOG.debug("releasing {}: {}", lockFile, e.toString());
        }
    }
}
