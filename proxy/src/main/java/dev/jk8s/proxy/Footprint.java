package dev.jk8s.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a proxy leaves on a host, running or crashed: {@code JK8S-*} chains, the {@value ServiceRange#LINK}
 * link, the range's local route. Tests and benchmarks that run their own proxy check it first,
 * because two proxies on one host (with two apiservers) would overwrite each other's chains.
 */
public final class Footprint {

    private Footprint() {
    }

    /** What is there now, one description per kind of trace; empty: no proxy has been here. */
    public static List<String> of(CommandRunner host, ServiceRange range) throws CommandException {
        List<String> found = new ArrayList<>();
        for (String table : List.of("nat", "filter")) {
            host.run(List.of("iptables-save", "-t", table), null).lines().filter(l -> l.startsWith(":JK8S-"))
                    .findFirst().ifPresent(l -> found.add(table + " chain " + l.substring(1, l.indexOf(' '))));
        }
        if (host.run(List.of("ip", "-o", "link", "show"), null).contains(" " + ServiceRange.LINK + ":")) {
            found.add("link " + ServiceRange.LINK);
        }
        if (!host.run(List.of("ip", "route", "show", "table", "local", "exact", range.cidr()), null).isBlank()) {
            found.add("local route " + range.cidr());
        }
        return found;
    }

    /**
     * @throws IllegalStateException naming what was found and the fix, when a proxy has been here
     */
    public static void requireNone(CommandRunner host, ServiceRange range) throws CommandException {
        List<String> found = of(host, range);
        if (!found.isEmpty()) {
            throw new IllegalStateException("another proxy runs on this host or left its rules (" + String.join(", ", found)
                    + "): stop it (bin/cluster down), or, if none runs, remove them: java -jar"
                    + " proxy/target/jk8s-proxy-0.1.0-SNAPSHOT-all.jar --cleanup");
        }
    }
}
