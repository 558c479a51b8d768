package dev.jk8s.proxy;

import dev.jk8s.client.ApiClient;
import dev.jk8s.client.Shutdown;
import dev.jk8s.client.StatusServer;
import dev.jk8s.proxy.iptables.IptablesProxier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The proxy process, one per node: parses flags, picks the mode, and runs a {@link ProxyServer}
 * ({@code /healthz} and {@code /metrics} on the HTTP port), or with {@code --cleanup} removes
 * everything a proxy installs and exits.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Routes traffic for Services' cluster IPs and node ports to their endpoints on this node.")
public final class Main implements Callable<Integer> {

    enum Mode { auto, iptables }

    @Option(names = "--apiserver", defaultValue = "127.0.0.1:6443", description = "The apiserver, host:port (default: ${DEFAULT-VALUE}).")
    String apiserver;

    @Option(names = "--mode", defaultValue = "auto",
            description = "iptables (needs root) or auto: iptables as root (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--service-cluster-ip-range", defaultValue = "10.96.0.0/12",
            description = "The apiserver's service range; no packet to it leaves this host (default: ${DEFAULT-VALUE}).")
    String serviceRange;

    @Option(names = "--nodeport-addresses", split = ",", paramLabel = "CIDR",
            description = "Local addresses node ports answer on, comma-separated ranges; default: every local address, as Kubernetes.")
    List<String> nodePortAddresses = List.of();

    @Option(names = "--min-sync-period", defaultValue = "100", paramLabel = "MS",
            description = "Milliseconds between two syncs at least; changes meanwhile are synced together (default: ${DEFAULT-VALUE}).")
    long minSyncMillis;

    @Option(names = "--sync-period", defaultValue = "30", paramLabel = "SECONDS",
            description = "Seconds between two syncs at most, to repair rules someone else changed (default: ${DEFAULT-VALUE}).")
    long syncSeconds;

    @Option(names = "--cleanup", description = "Remove every rule, chain and route a proxy installs, then exit.")
    boolean cleanup;

    @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "Address of /healthz and /metrics (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--port", defaultValue = "10256", description = "Port of /healthz and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandRunner commands = CommandRunner.system(Duration.ofSeconds(30));
        Proxier proxier = proxier(commands);
        if (cleanup) {
            proxier.cleanup();
            System.err.println("proxy: removed the proxy's rules, chains and the route of " + serviceRange);
            return 0;
        }
        try (ApiClient client = ApiClient.connect(apiserver)) {
            ProxyServer proxy;
            try {
                proxy = ProxyServer.start(client, proxier, options());
            } catch (CommandException | IllegalStateException e) {
                System.err.println("proxy: error: " + e.getMessage());
                return 1;
            }
            StatusServer http = StatusServer.start(bindAddress, port, proxy.metrics()::text);
            System.err.printf("proxy: %s mode ready, /healthz and /metrics on http://%s:%d%n", mode(commands), bindAddress,
                    http.port());
            Shutdown.await(() -> {
                proxy.close();
                http.close();
            });
        }
        return 0;
    }

    private Proxier proxier(CommandRunner commands) throws CommandException {
        ServiceRange range;
        try {
            range = new ServiceRange(serviceRange, commands);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid --service-cluster-ip-range " + serviceRange + ": "
                    + e.getMessage());
        }
        if (mode(commands) != Mode.iptables) {
            throw new ParameterException(spec.commandLine(), "--mode iptables needs root");
        }
        for (String cidr : nodePortAddresses) {
            try {
                new ServiceRange(cidr, commands);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "invalid --nodeport-addresses " + cidr
                        + ": must be IPv4 ranges such as 127.0.0.0/8");
            }
        }
        return new IptablesProxier(commands, range, nodePortAddresses);
    }

    private Mode mode(CommandRunner commands) throws CommandException {
        if (mode != Mode.auto) {
            return mode;
        }
        return "0".equals(commands.run(List.of("id", "-u"), null).strip()) ? Mode.iptables : Mode.auto;
    }

    private ProxyServer.Options options() {
        if (minSyncMillis < 0 || syncSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--min-sync-period must be 0 or more and --sync-period more than 0");
        }
        return new ProxyServer.Options(Duration.ofMillis(minSyncMillis), Duration.ofSeconds(syncSeconds), Duration.ofSeconds(60));
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
