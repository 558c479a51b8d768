package dev.jk8s.proxy.iptables;

import dev.jk8s.proxy.CommandException;
import dev.jk8s.proxy.CommandRunner;
import dev.jk8s.proxy.Proxier;
import dev.jk8s.proxy.ServicePortTarget;
import dev.jk8s.proxy.ServiceRange;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Routes service traffic with the kernel's nat table: every sync replaces the project's own
 * chains in one {@code iptables-restore --noflush} (atomic: a packet sees the old rules or the
 * new, never none) and then makes sure the jumps into them exist. Nobody else's rules are read
 * or written. Chains left by an earlier proxy are adopted at {@link #secure}, so a restart keeps
 * serving with the old rules until its first sync replaces them. Not thread-safe: one caller.
 */
public final class IptablesProxier implements Proxier {

    private static final String PREFIX = "JK8S-";

    private final CommandRunner commands;
    private final ServiceRange range;
    private final List<String> nodePortCidrs;
    private final RouteLocalnet routeLocalnet;
    private Set<String> natChains = Set.of();
    private Set<String> filterChains = Set.of();

    /** @param nodePortCidrs the local addresses node ports answer on (kube-proxy's {@code --nodeport-addresses}); empty: all */
    public IptablesProxier(CommandRunner commands, ServiceRange range, List<String> nodePortCidrs) {
        this(commands, range, nodePortCidrs, RouteLocalnet.DEFAULT_RECORD);
    }

    /** @param routeLocalnetRecord where the value of {@code route_localnet} before the first proxy is kept for cleanup */
    IptablesProxier(CommandRunner commands, ServiceRange range, List<String> nodePortCidrs, Path routeLocalnetRecord) {
        this.commands = commands;
        this.range = range;
        this.nodePortCidrs = List.copyOf(nodePortCidrs);
        this.routeLocalnet = new RouteLocalnet(commands, routeLocalnetRecord);
    }

    /**
     * Routes the range to the empty bridge, installs {@code JK8S-FIREWALL} and only then lets node
     * ports answer on 127.0.0.1 ({@code route_localnet}, whose earlier value {@link #cleanup} puts
     * back), and adopts existing chains.
     */
    @Override
    public void secure() throws CommandException {
        range.routeToEmptyBridge();
        commands.run(List.of("iptables-restore", "-w", "5", "--noflush"), Ruleset.firewallOnly());
        for (Ruleset.Hook hook : Ruleset.HOOKS) {
            if (hook.jumpsTo(Ruleset.FIREWALL)) {
                ensure(hook);
            }
        }
        routeLocalnet.enable();
        natChains = ownChains("nat");
        filterChains = ownChains("filter");
    }

    @Override
    public Map<String, Integer> sync(List<ServicePortTarget> targets) throws CommandException {
        Ruleset rules = Ruleset.of(targets, range.cidr(), nodePortCidrs, natChains, filterChains);
        commands.run(List.of("iptables-restore", "-w", "5", "--noflush"), rules.restoreInput());
        natChains = rules.natChains();
        filterChains = rules.filterChains();
        for (Ruleset.Hook hook : Ruleset.HOOKS) {
            ensure(hook);
        }
        return rules.ruleCounts();
    }

    private void ensure(Ruleset.Hook hook) throws CommandException {
        if (!hookExists(hook)) {
            commands.run(hookCommand("-I", hook), null);
        }
    }

    /** Removes the jumps, then every {@code JK8S-*} chain (whoever made it), then the route; puts {@code route_localnet} back. */
    @Override
    public void cleanup() throws CommandException {
        routeLocalnet.restore(); // first: the guard goes next
        for (Ruleset.Hook hook : Ruleset.HOOKS) {
            while (hookExists(hook)) { // a hook inserted twice by two racing proxies goes too
                commands.run(hookCommand("-D", hook), null);
            }
        }
        StringBuilder restore = new StringBuilder();
        for (String table : List.of("filter", "nat")) {
            Set<String> chains = ownChains(table);
            restore.append('*').append(table).append('\n');
            chains.forEach(c -> restore.append(':').append(c).append(" - [0:0]\n"));
            chains.forEach(c -> restore.append("-X ").append(c).append('\n'));
            restore.append("COMMIT\n");
        }
        commands.run(List.of("iptables-restore", "-w", "5", "--noflush"), restore.toString());
        natChains = Set.of();
        filterChains = Set.of();
        range.remove();
    }

    private boolean hookExists(Ruleset.Hook hook) throws CommandException {
        try {
            commands.run(hookCommand("-C", hook), null);
            return true;
        } catch (CommandException e) {
            if (e.exitCode() == 1 || e.exitCode() == 2 && e.getMessage().contains("does not exist")) {
                return false; // no such rule; or no such chain, so no jump to it either
            }
            throw e;
        }
    }

    private static List<String> hookCommand(String op, Ruleset.Hook hook) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "5", "-t", hook.table(), op, hook.chain()));
        argv.addAll(hook.rule());
        return argv;
    }

    /** The project's chains that exist in {@code table} now, from {@code iptables-save}'s chain declarations. */
    private Set<String> ownChains(String table) throws CommandException {
        Set<String> out = new LinkedHashSet<>();
        Stream.of(commands.run(List.of("iptables-save", "-t", table), null).split("\n"))
                .filter(l -> l.startsWith(":" + PREFIX))
                .forEach(l -> out.add(l.substring(1, l.indexOf(' '))));
        return out;
    }
}
