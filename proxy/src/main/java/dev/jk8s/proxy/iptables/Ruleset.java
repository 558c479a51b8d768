package dev.jk8s.proxy.iptables;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import dev.jk8s.proxy.ServicePortTarget;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The proxy's iptables rules for a set of service ports, as {@code iptables-restore --noflush}
 * input that rewrites only the project's own chains (each declared, so flushed, then refilled,
 * in one atomic restore) and deletes the ones no longer needed; nobody else's rules are touched.
 * The layout is kube-proxy's:
 * <ul>
 * <li>nat {@code JK8S-SERVICES} (hooked into PREROUTING and OUTPUT, so host and containers are
 *     served): each {@code clusterIP:port} jumps to its {@code JK8S-SVC-*} chain, and local
 *     destinations to {@code JK8S-NODEPORTS}, where each node port does the same;</li>
 * <li>{@code JK8S-SVC-*}: one rule per endpoint, chosen at random with equal shares (the i-th of
 *     n with probability 1/(n-i), the last always), after ClientIP-affinity rules if asked;</li>
 * <li>{@code JK8S-SEP-*}: DNAT to the endpoint, marking its own traffic (hairpin) and node-port
 *     traffic for masquerade in {@code JK8S-POSTROUTING};</li>
 * <li>filter {@code JK8S-SERVICES}: a service port without endpoints, and any other address of the
 *     service range, is rejected at once rather than left to time out;</li>
 * <li>filter {@code JK8S-FIREWALL}: kube-proxy's guard against packets from elsewhere to
 *     127.0.0.0/8, which {@code route_localnet} (needed for node ports on 127.0.0.1) would admit.</li>
 * </ul>
 * Pure; immutable.
 */
public record Ruleset(String restoreInput, Set<String> natChains, Set<String> filterChains) {

    public Ruleset {
        natChains = Collections.unmodifiableSet(new LinkedHashSet<>(natChains)); // in order: the order of declaration
        filterChains = Collections.unmodifiableSet(new LinkedHashSet<>(filterChains));
    }

    static final String SERVICES = "JK8S-SERVICES";
    static final String NODEPORTS = "JK8S-NODEPORTS";
    static final String POSTROUTING = "JK8S-POSTROUTING";
    static final String MARK_MASQ = "JK8S-MARK-MASQ";
    static final String FIREWALL = "JK8S-FIREWALL";
    static final String MASQ_MARK = "0x4000/0x4000";

    /** A jump into one of the project's chains from a built-in chain, ensured outside the restore. */
    public record Hook(String table, String chain, List<String> rule) {
        Hook(String table, String chain, String rule) {
            this(table, chain, List.of(rule.split(" ")));
        }

        /** Whether this jumps to {@code target}. */
        boolean jumpsTo(String target) {
            return rule.get(rule.size() - 1).equals(target);
        }
    }

    /** The jumps into the project's chains. */
    public static final List<Hook> HOOKS = List.of(
            new Hook("nat", "PREROUTING", "-m comment --comment jk8s-services -j " + SERVICES),
            new Hook("nat", "OUTPUT", "-m comment --comment jk8s-services -j " + SERVICES),
            new Hook("nat", "POSTROUTING", "-m comment --comment jk8s-postrouting -j " + POSTROUTING),
            new Hook("filter", "OUTPUT", "-m conntrack --ctstate NEW -m comment --comment jk8s-services -j " + SERVICES),
            new Hook("filter", "FORWARD", "-m conntrack --ctstate NEW -m comment --comment jk8s-services -j " + SERVICES),
            new Hook("filter", "INPUT", "-m comment --comment jk8s-firewall -j " + FIREWALL),
            new Hook("filter", "OUTPUT", "-m comment --comment jk8s-firewall -j " + FIREWALL));

    // route_localnet (needed for node ports on 127.0.0.1) must not open loopback to other hosts: kube-proxy's guard
    private static final String FIREWALL_RULE = "-A " + FIREWALL + " -m comment --comment \"block incoming localnet"
            + " connections\" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP";

    /** A restore of {@code JK8S-FIREWALL} alone, for before {@code route_localnet} is turned on; other chains untouched. */
    static String firewallOnly() {
        return "*filter\n:" + FIREWALL + " - [0:0]\n" + FIREWALL_RULE + "\nCOMMIT\n";
    }

    /**
     * @param targets       the service ports to route
     * @param serviceCidr   the whole service range: a new connection to an address of it that no rule rewrote is rejected
     * @param nodePortCidrs the local addresses node ports answer on; empty: every local address
     * @param previousNat   the project's nat chains the last restore made (those not needed now are deleted)
     * @param previousFilter the same for filter
     */
    static Ruleset of(List<ServicePortTarget> targets, String serviceCidr, List<String> nodePortCidrs, Set<String> previousNat,
                      Set<String> previousFilter) {
        Set<String> nat = new LinkedHashSet<>(List.of(SERVICES, NODEPORTS, POSTROUTING, MARK_MASQ));
        List<String> natRules = new ArrayList<>(MASQUERADE_RULES);
        Set<String> filter = new LinkedHashSet<>(List.of(SERVICES, FIREWALL));
        List<String> filterRules = new ArrayList<>(List.of(FIREWALL_RULE));
        for (ServicePortTarget t : targets) {
            if (t.endpoints().isEmpty()) {
                filterRules.add("-A " + SERVICES + " -m comment --comment \"" + t.id() + " has no endpoints\" " + match(t)
                        + " -j REJECT --reject-with icmp-port-unreachable");
            } else {
                serviceRules(t, nat, natRules);
            }
        }
        natRules.addAll(nodePortJumps(nodePortCidrs));
        filterRules.add("-A " + SERVICES + " -m comment --comment \"service range: no such service port; must be last\" -d "
                + serviceCidr + " -j REJECT --reject-with icmp-port-unreachable");
        return new Ruleset(render(nat, natRules, previousNat, filter, filterRules, previousFilter), nat, filter);
    }

    /** Marked packets (node ports, hairpin) are masqueraded on the way out, once. */
    private static final List<String> MASQUERADE_RULES = List.of(
            "-A " + POSTROUTING + " -m mark ! --mark " + MASQ_MARK + " -j RETURN",
            "-A " + POSTROUTING + " -j MARK --xor-mark 0x4000",
            "-A " + POSTROUTING + " -m comment --comment \"jk8s service traffic requiring SNAT\" -j MASQUERADE",
            "-A " + MARK_MASQ + " -j MARK --or-mark 0x4000");

    private static String match(ServicePortTarget t) {
        return "-d " + t.clusterIp() + "/32 -p " + t.protocol() + " -m " + t.protocol() + " --dport " + t.port();
    }

    /** The cluster IP's and node port's jumps to the service port's chain, then its endpoints' rules. */
    private static void serviceRules(ServicePortTarget t, Set<String> nat, List<String> rules) {
        String svc = chain("JK8S-SVC-", t.id() + "/" + t.protocol());
        nat.add(svc);
        rules.add("-A " + SERVICES + " -m comment --comment \"" + t.id() + " cluster IP\" " + match(t) + " -j " + svc);
        if (t.nodePort() > 0) {
            String port = "-A " + NODEPORTS + " -m comment --comment \"" + t.id() + "\" -p " + t.protocol() + " -m "
                    + t.protocol() + " --dport " + t.nodePort() + " -j ";
            rules.add(port + MARK_MASQ);
            rules.add(port + svc);
        }
        endpointRules(t, svc, nat, rules);
    }

    /** Last in {@code JK8S-SERVICES}: local destinations (within the given ranges, if any) go to the node ports. */
    private static List<String> nodePortJumps(List<String> cidrs) {
        String rule = "-A " + SERVICES + " -m comment --comment \"node ports; must be last\"";
        if (cidrs.isEmpty()) {
            return List.of(rule + " -m addrtype --dst-type LOCAL -j " + NODEPORTS);
        }
        return cidrs.stream().map(c -> rule + " -d " + c + " -m addrtype --dst-type LOCAL -j " + NODEPORTS).toList();
    }

    private static void endpointRules(ServicePortTarget t, String svc, Set<String> nat, List<String> rules) {
        List<String> eps = t.endpoints();
        List<String> seps = eps.stream().map(e -> chain("JK8S-SEP-", t.id() + "/" + t.protocol() + "/" + e)).toList();
        nat.addAll(seps);
        if (t.clientIpAffinity()) {
            for (String sep : seps) {
                rules.add("-A " + svc + " -m recent --name " + sep + " --rcheck --seconds 10800 --reap -j " + sep);
            }
        }
        for (int i = 0; i < eps.size(); i++) {
            String comment = "-m comment --comment \"" + t.id() + " -> " + eps.get(i) + "\"";
            if (i < eps.size() - 1) {
                rules.add("-A " + svc + " " + comment + " -m statistic --mode random --probability "
                        + String.format(Locale.ROOT, "%.10f", 1.0 / (eps.size() - i)) + " -j " + seps.get(i));
            } else {
                rules.add("-A " + svc + " " + comment + " -j " + seps.get(i));
            }
        }
        for (int i = 0; i < eps.size(); i++) {
            String ip = eps.get(i).substring(0, eps.get(i).lastIndexOf(':'));
            rules.add("-A " + seps.get(i) + " -s " + ip + "/32 -j " + MARK_MASQ); // a pod reaching itself
            rules.add("-A " + seps.get(i) + (t.clientIpAffinity() ? " -m recent --name " + seps.get(i) + " --set" : "")
                    + " -p " + t.protocol() + " -m " + t.protocol() + " -j DNAT --to-destination " + eps.get(i));
        }
    }

    private static String render(Set<String> nat, List<String> natRules, Set<String> previousNat, Set<String> filter,
                                 List<String> filterRules, Set<String> previousFilter) {
        StringBuilder out = new StringBuilder();
        table(out, "filter", filter, filterRules, previousFilter);
        table(out, "nat", nat, natRules, previousNat);
        return out.toString();
    }

    private static void table(StringBuilder out, String name, Set<String> chains, List<String> rules, Set<String> previous) {
        out.append('*').append(name).append('\n');
        chains.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        Set<String> stale = new TreeSet<>(previous);
        stale.removeAll(chains);
        stale.forEach(c -> out.append(':').append(c).append(" - [0:0]\n")); // declared (so emptied) before deletion
        rules.forEach(r -> out.append(r).append('\n'));
        stale.forEach(c -> out.append("-X ").append(c).append('\n'));
        out.append("COMMIT\n");
    }

    /** The rules this restore programs, by table: what {@code /metrics} reports. */
    public Map<String, Integer> ruleCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        String table = "";
        for (String line : restoreInput.split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1);
                out.put(table, 0);
            } else if (line.startsWith("-A ")) {
                out.merge(table, 1, Integer::sum);
            }
        }
        return out;
    }

    /** {@code prefix} + 16 characters of a hash of {@code id}: stable, and within iptables' 28-character names. */
    static String chain(String prefix, String id) {
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return prefix + Base64.getEncoder().withoutPadding().encodeToString(sum)
                    .replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
