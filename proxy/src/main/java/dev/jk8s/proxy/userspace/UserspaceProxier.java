package dev.jk8s.proxy.userspace;

import dev.jk8s.proxy.CommandException;
import dev.jk8s.proxy.CommandRunner;
import dev.jk8s.proxy.Proxier;
import dev.jk8s.proxy.ServicePortTarget;
import dev.jk8s.proxy.ServiceRange;
import java.io.IOException;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes service traffic through this process, as kube-proxy's old userspace mode did, for nodes
 * where the proxy is not root: a non-blocking listener on each {@code clusterIP:port} (and node
 * port) of a TCP service port with endpoints, each client connected to an endpoint chosen
 * round-robin or by client IP affinity, the next endpoint tried when one refuses. All sockets
 * live on one daemon thread, {@value #THREAD}, started by the first {@link #sync}.
 * <p>Binding a cluster IP needs the address to be local, so {@link #secure} makes the whole
 * service range local (as root) or checks that it is: then no packet to a service IP can leave
 * the host either. UDP service ports are not served (left out).
 * <p>Thread-safe: {@link #sync}, {@link #cleanup} and {@link #close} may come from any thread;
 * each waits for the selector thread to apply it.
 */
public final class UserspaceProxier implements Proxier, AutoCloseable {

    /** The name of the selector thread. */
    public static final String THREAD = "proxy-userspace";
    private static final Logger LOG = LoggerFactory.getLogger(UserspaceProxier.class);

    private final CommandRunner commands;
    private final ServiceRange range;
    private final String nodePortAddress;
    private Boolean root; // asked once: id -u
    private SelectorLoop loop;
    private ListenerTable table;

    /** Node ports listen on every address. */
    public UserspaceProxier(CommandRunner commands, ServiceRange range) {
        this(commands, range, "0.0.0.0");
    }

    /** @param nodePortAddress where node ports listen, e.g. 127.0.0.1; 0.0.0.0: every address */
    public UserspaceProxier(CommandRunner commands, ServiceRange range, String nodePortAddress) {
        this.commands = commands;
        this.range = range;
        this.nodePortAddress = nodePortAddress;
    }

    /**
     * As root: makes every address of the range local ({@link ServiceRange#routeLocal}). Otherwise
     * checks that it is already; idempotent either way.
     *
     * @throws IllegalStateException when not root and the range is not local, saying what root must run once
     */
    @Override
    public synchronized void secure() throws CommandException {
        if (isRoot()) {
            range.routeLocal();
            LOG.info("service range {}: routed locally, so every cluster IP can be listened on", range.cidr());
            return;
        }
        String probe = range.firstAddress();
        String answer = range.lookup(probe);
        if (!answer.startsWith("local")) {
            throw new IllegalStateException("service range " + range.cidr() + " is not local to this host (ip route get "
                    + probe + ": " + answer + "), so the userspace proxy, not being root, can neither listen on cluster IPs"
                    + " nor keep their packets on this host; run once as root: " + String.join(" ", range.localRoute("add"))
                    + " (or run the proxy as root)");
        }
    }

    /** @return {@code listeners}, {@code connections} (open now) and {@code bind_failures} (addresses that could not be listened on) */
    @Override
    public synchronized Map<String, Integer> sync(List<ServicePortTarget> targets) throws Exception {
        if (loop != null && !loop.alive()) {
            LOG.warn("userspace proxy: the selector thread had stopped; starting a new one (its connections are gone)");
            loop.close();
            loop = null;
        }
        if (loop == null) {
            Selector selector = Selector.open();
            table = new ListenerTable(selector, nodePortAddress);
            loop = new SelectorLoop(THREAD, selector, table::tick);
        }
        ListenerTable current = table;
        return loop.call(() -> current.apply(targets));
    }

    /** Closes every listener and connection, then (as root) removes the range's local route. Idempotent. */
    @Override
    public synchronized void cleanup() throws CommandException {
        close();
        if (isRoot()) {
            range.removeLocalRoute();
        } else {
            LOG.info("service range {}: not root, so its local route (if any) stays; remove it as root with {}", range.cidr(),
                    String.join(" ", range.localRoute("del")));
        }
    }

    /** Closes every listener and connection and stops the selector thread; a later {@link #sync} starts again. Idempotent. */
    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.close();
            loop = null;
            table = null;
        }
    }

    private boolean isRoot() throws CommandException {
        if (root == null) {
            root = "0".equals(commands.run(List.of("id", "-u"), null).strip());
        }
        return root;
    }
}
