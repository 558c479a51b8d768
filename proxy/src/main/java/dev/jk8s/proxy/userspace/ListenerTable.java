package dev.jk8s.proxy.userspace;

import dev.jk8s.proxy.ServicePortTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the userspace proxy serves: its listeners by address, the balancer of each service port
 * and the open connections. {@link #apply} converges it to a list of targets as a diff, so a
 * listener whose address stays keeps its socket and connections. Not thread-safe: the selector
 * thread only.
 */
final class ListenerTable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerTable.class);

    private final Selector selector;
    private final String nodePortAddress;
    private final Map<InetSocketAddress, Listener> listeners = new HashMap<>();
    private final Set<Connection> connections = new HashSet<>();
    private final Set<String> skippedLogged = new HashSet<>();
    private Map<String, Balancer> balancers = Map.of();
    private Set<InetSocketAddress> unbound = Set.of();

    /** @param nodePortAddress where node ports listen ({@code 0.0.0.0}: every address, as kube-proxy's userspace mode did) */
    ListenerTable(Selector selector, String nodePortAddress) {
        this.selector = selector;
        this.nodePortAddress = nodePortAddress;
    }

    /**
     * Listens for exactly the TCP targets that have endpoints. An address that cannot be bound is
     * logged (once while it keeps failing) and counted, and the others are served regardless.
     *
     * @return {@code listeners}, {@code connections} (open now) and {@code bind_failures}
     */
    Map<String, Integer> apply(List<ServicePortTarget> targets) {
        Map<InetSocketAddress, Balancer> desired = desired(targets);
        listeners.entrySet().removeIf(e -> {
            boolean gone = !desired.containsKey(e.getKey());
            if (gone) {
                e.getValue().close();
            }
            return gone;
        });
        Set<InetSocketAddress> failed = new HashSet<>();
        desired.forEach((address, balancer) -> {
            Listener l = listeners.get(address);
            if (l != null) {
                l.balancer(balancer);
            } else if (!open(address, balancer)) {
                failed.add(address);
            }
        });
        unbound = failed;
        return Map.of("listeners", listeners.size(), "connections", connections.size(), "bind_failures", failed.size());
    }

    /** Gives up on endpoints that have not accepted in time; listeners paused by a failed accept accept again. */
    void tick() {
        listeners.values().forEach(Listener::resume);
        long now = System.nanoTime();
        List.copyOf(connections).forEach(c -> c.expire(now)); // a copy: an expired one may close and leave the set
    }

    private Map<InetSocketAddress, Balancer> desired(List<ServicePortTarget> targets) {
        Map<String, Balancer> next = new HashMap<>();
        Map<InetSocketAddress, Balancer> out = new LinkedHashMap<>();
        for (ServicePortTarget t : targets) {
            if (!served(t)) {
                continue;
            }
            Balancer b = balancers.containsKey(t.id()) ? balancers.get(t.id()) : new Balancer(t.id(), System::nanoTime);
            b.update(t.clientIpAffinity(), t.endpoints());
            next.put(t.id(), b);
            out.put(new InetSocketAddress(t.clusterIp(), t.port()), b);
            if (t.nodePort() > 0) {
                out.put(new InetSocketAddress(nodePortAddress, t.nodePort()), b);
            }
        }
        balancers = next;
        return out;
    }

    /** TCP with endpoints; without endpoints no listener, so a client is refused as by the iptables mode's REJECT. */
    private boolean served(ServicePortTarget t) {
        if (!"tcp".equals(t.protocol())) {
            if (skippedLogged.add(t.id() + "/" + t.protocol())) {
                LOG.debug("{}: protocol {} is not served by the userspace proxy (TCP only)", t.id(), t.protocol());
            }
            return false;
        }
        return !t.endpoints().isEmpty();
    }

    private boolean open(InetSocketAddress address, Balancer balancer) {
        try {
            listeners.put(address, Listener.open(selector, address, balancer, connections));
            return true;
        } catch (IOException e) {
            if (!unbound.contains(address)) {
                LOG.error("{}: cannot listen on {} ({}); the other services are served. Fix: ports below 1024 need root"
                        + " (or CAP_NET_BIND_SERVICE), a cluster IP must be local (as root, once: ip route add local <service"
                        + " range> dev lo table local), and no other process may hold the address", balancer.id(), address, e.toString());
            }
            return false;
        }
    }
}
