package dev.jk8s.proxy.userspace;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Chooses the endpoint of one service port for each new connection: round-robin, or with client
 * IP affinity the endpoint a client had last (while it is still an endpoint and was used within
 * {@link #AFFINITY_TIMEOUT}, Kubernetes' default {@code timeoutSeconds}). Shared by the port's
 * cluster IP and node port listeners, so they take turns together. Not thread-safe: the
 * selector thread only.
 */
final class Balancer {

    /** How long a client sticks to its endpoint after its last connection: Kubernetes' default 10800 s. */
    static final Duration AFFINITY_TIMEOUT = Duration.ofSeconds(10800);

    private record Sticky(String endpoint, long lastUsed) {
    }

    private final String id;
    private final LongSupplier nanoTime;
    private final Map<InetAddress, Sticky> sticky = new HashMap<>();
    private List<String> endpoints = List.of();
    private boolean affinity;
    private int next;

    /** @param id the service port's id, for logs; @param nanoTime the clock ({@link System#nanoTime} but in tests) */
    Balancer(String id, LongSupplier nanoTime) {
        this.id = id;
        this.nanoTime = nanoTime;
    }

    String id() {
        return id;
    }

    /** From now on chooses among {@code endpoints} ({@code ip:port}); a client whose endpoint is gone chooses again. */
    void update(boolean affinity, List<String> endpoints) {
        this.endpoints = List.copyOf(endpoints);
        this.affinity = affinity;
        long now = nanoTime.getAsLong();
        sticky.values().removeIf(s -> !affinity || !endpoints.contains(s.endpoint) || expired(s, now));
    }

    /** The endpoint for a new connection from {@code client}, other than those in {@code tried}; null: none left. */
    String pick(InetAddress client, Set<String> tried) {
        long now = nanoTime.getAsLong();
        Sticky s = affinity ? sticky.get(client) : null;
        String chosen = s != null && !expired(s, now) && !tried.contains(s.endpoint) ? s.endpoint : roundRobin(tried);
        if (affinity && chosen != null) {
            sticky.put(client, new Sticky(chosen, now)); // a retry moves the client to the endpoint that answers
        }
        return chosen;
    }

    private String roundRobin(Set<String> tried) {
        for (int i = 0; i < endpoints.size(); i++) {
            String e = endpoints.get(Math.floorMod(next, endpoints.size()));
            next = Math.floorMod(next + 1, endpoints.size());
            if (!tried.contains(e)) {
                return e;
            }
        }
        return null;
    }

    private static boolean expired(Sticky s, long now) {
        return now - s.lastUsed > AFFINITY_TIMEOUT.toNanos();
    }
}
