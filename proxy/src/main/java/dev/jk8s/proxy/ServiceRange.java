package dev.jk8s.proxy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The service range in this host's routing table. Service IPs are virtual: no packet to one may
 * ever leave the host, whether or not a rule rewrites it. A blackhole route would do that but
 * also refuses the host's own connections before the nat table can rewrite them (routing comes
 * first), so the range is routed instead to {@value #LINK}, a bridge with no ports: whatever
 * reaches it is dropped, and a rule can still rewrite a service IP to a pod's.
 * <p>The userspace mode, which has no rules to rewrite with, instead makes the whole range local
 * ({@link #routeLocal}): a packet to a local address never leaves the host either, and the proxy
 * can then listen on any cluster IP.
 * Thread-safe (stateless besides the commands it runs).
 */
public final class ServiceRange {

    /** The empty bridge the range is routed to. */
    public static final String LINK = "jk8s0";
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    private final String cidr;
    private final CommandRunner commands;

    /** @throws IllegalArgumentException when {@code cidr} is not an IPv4 range such as {@code 10.96.0.0/12} */
    public ServiceRange(String cidr, CommandRunner commands) {
        var m = CIDR.matcher(cidr);
        if (!m.matches() || Integer.parseInt(m.group(5)) > 32
                || List.of(m.group(1), m.group(2), m.group(3), m.group(4)).stream().anyMatch(o -> Integer.parseInt(o) > 255)) {
            throw new IllegalArgumentException("must be an IPv4 range such as 10.96.0.0/12, the apiserver's"
                    + " --service-cluster-ip-range");
        }
        this.cidr = cidr;
        this.commands = commands;
    }

    public String cidr() {
        return cidr;
    }

    /** Creates {@value #LINK} if missing and routes the whole range to it. Idempotent. */
    public void routeToEmptyBridge() throws CommandException {
        if (!linkExists()) {
            commands.run(List.of("ip", "link", "add", LINK, "type", "bridge"), null);
        }
        commands.run(List.of("ip", "link", "set", LINK, "up"), null);
        commands.run(List.of("ip", "route", "replace", cidr, "dev", LINK), null);
    }

    /**
     * Makes every address of the range local to this host (a {@code local} route in the kernel's
     * {@code local} table, which is consulted before any other). Needs root. Idempotent.
     */
    public void routeLocal() throws CommandException {
        commands.run(localRoute("replace"), null);
    }

    /** Removes the route {@link #routeLocal} installs, whoever installed it, if present. Needs root. Idempotent. */
    public void removeLocalRoute() throws CommandException {
        if (!commands.run(List.of("ip", "route", "show", "table", "local", "exact", cidr), null).isBlank()) {
            commands.run(localRoute("del"), null);
        }
    }

    /** The command line that makes the range local ({@code op}: add, replace) or not (del). */
    public List<String> localRoute(String op) {
        return List.of("ip", "route", op, "local", cidr, "dev", "lo", "table", "local");
    }

    /** The range's first host address ({@code 10.96.0.1} for {@code 10.96.0.0/12}; the address itself for a /31 or /32). */
    public String firstAddress() {
        String[] part = cidr.split("[./]");
        long ip = 0;
        for (int i = 0; i < 4; i++) {
            ip = ip << 8 | Integer.parseInt(part[i]);
        }
        int bits = Integer.parseInt(part[4]);
        long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
        long first = (ip & mask) + (bits < 31 ? 1 : 0);
        return (first >> 24 & 255) + "." + (first >> 16 & 255) + "." + (first >> 8 & 255) + "." + (first & 255);
    }

    /** What the routing table does with a packet to {@code ip}: {@code ip route get}'s answer. */
    public String lookup(String ip) throws CommandException {
        return commands.run(List.of("ip", "route", "get", ip), null).strip();
    }

    /** Removes the route and {@value #LINK}. Idempotent. */
    public void remove() throws CommandException {
        if (linkExists()) {
            commands.run(List.of("ip", "link", "del", LINK), null); // takes its routes with it
        }
    }

    private boolean linkExists() throws CommandException {
        try {
            commands.run(List.of("ip", "link", "show", LINK), null);
            return true;
        } catch (CommandException e) {
            if (e.exitCode() > 0) {
                return false; // "Device does not exist"
            }
            throw e;
        }
    }
}
