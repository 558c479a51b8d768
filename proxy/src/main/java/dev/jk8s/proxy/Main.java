package dev.jk8s.proxy;

import dev.jk8s.client.ConnectOptions;
import dev.jk8s.client.Shutdown;
import dev.jk8s.client.ConnectionFlags;
import dev.jk8s.client.StatusServer;
import dev.jk8s.proxy.internal.HostProxy;
import dev.jk8s.proxy.iptables.IptablesProxier;
import dev.jk8s.proxy.userspace.UserspaceProxier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The proxy process, one per node: parses flags, picks the mode, and runs a {@link ProxyServer}
 * ({@code /healthz} and {@code /metrics} on the HTTP port) once it holds the host's
 * {@link HostLock} (nodes on one host share its kernel), or with {@code --cleanup} removes
 * everything a proxy installs and exits.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Routes traffic for Services' cluster IPs and node ports to their endpoints on this node.")
public final class Main implements Callable<Integer> {

    enum Mode { auto, iptables, userspace }

    @Mixin
    ConnectionFlags connection;


    @Option(names = "--mode", defaultValue = "auto",
            description = "iptables (needs root), userspace (a proxy in this process) or auto: iptables as root, else userspace"
                    + " (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--lock-file", paramLabel = "FILE",
            description = "Only the proxy holding this lock routes; others on the host wait and take over (default: /run/lock/jk8s-proxy.lock as root).")
    Path lockFile = HostLock.defaultFile();

    @Option(names = "--cleanup", description = "Remove every rule, chain and route a proxy installs, then exit.")
    boolean cleanup;

    @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "Address of /healthz and /metrics (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--port", defaultValue = "10256", description = "Port of /healthz and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Spec
    CommandSpec spec;

    /** Failures of host commands and I/O are printed in one line by the handler {@link #main} installs. */
    @Override
    public Integer call() throws Exception {
        CommandRunner commands = CommandRunner.system(Duration.ofSeconds(30));
        boolean root = "0".equals(commands.run(List.of("id", "-u"), null).strip());
        if (cleanup) {
            return cleanup(commands, root);
        }
        Mode resolved = resolve(root);
        return run(proxier(commands, resolved), resolved);
    }

    /** Both modes' leftovers: rules, chains, the bridge route (root only) and the local route. */
    private int cleanup(CommandRunner commands, boolean root) throws Exception {
        ServiceRange range = range(commands);
        Optional<HostLock> lock = HostLock.tryAcquire(lockFile, "cleanup");
        if (lock.isEmpty()) {
            System.err.println("proxy: error: another proxy routes this host (lock " + lockFile + " says: pid and apiserver "
                    + HostLock.holder(lockFile) + "); stop it first (bin/cluster down), then clean up");
            return 1;
        }
        if (root) {
            new IptablesProxier(commands, range, List.of()).cleanup();
        }
        new UserspaceProxier(commands, range).cleanup();
        lock.get().close();
        System.err.println(root ? "proxy: removed the proxy's rules, chains and routes of " + serviceRange
                : "proxy: closed; not root, so rules and routes (if any) stay: run --cleanup as root");
        return 0;
    }

    /** Serves {@code /healthz} and {@code /metrics} at once; routes once this process holds the host's lock. */
    private int run(Proxier proxier, Mode resolved) throws Exception {
        ProxyServer.Options options = options();
        try (HostProxy proxy = HostProxy.start(lockFile, connection.apiserver(), connection.options(), proxier, options, resolved.name());
             StatusServer http = StatusServer.start(bindAddress, port, proxy::metrics, proxy::problem)) {
            System.err.printf("proxy: /healthz and /metrics on http://%s:%d%n", bindAddress, http.port());
            Shutdown.await(proxy::close);
        }
        return 0;
    }

    /** The mode to run: as asked, or for auto iptables as root and userspace otherwise. */
    private Mode resolve(boolean root) {
        if (mode == Mode.iptables && !root) {
            throw new ParameterException(spec.commandLine(), "--mode iptables needs root; run as root or use --mode userspace");
        }
        return mode == Mode.auto ? (root ? Mode.iptables : Mode.userspace) : mode;
    }

    private Proxier proxier(CommandRunner commands, Mode resolved) {
        ServiceRange range = range(commands);
        List<ServiceRange> nodePorts = nodePortRanges(commands);
        if (resolved == Mode.iptables) {
            return new IptablesProxier(commands, range, nodePortAddresses);
        }
        // a listener has one address: the first of the first range (127.0.0.0/8: 127.0.0.1), else all
        return new UserspaceProxier(commands, range, nodePorts.isEmpty() ? "0.0.0.0" : nodePorts.get(0).firstAddress());
    }

    private ServiceRange range(CommandRunner commands) {
        try {
            return new ServiceRange(serviceRange, commands);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid --service-cluster-ip-range " + serviceRange + ": "
                    + e.getMessage());
        }
    }

    private List<ServiceRange> nodePortRanges(CommandRunner commands) {
        try {
            return nodePortAddresses.stream().map(cidr -> new ServiceRange(cidr, commands)).toList();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid --nodeport-addresses " + nodePortAddresses
                    + ": must be IPv4 ranges such as 127.0.0.0/8, comma-separated");
        }
    }

    private ProxyServer.Options options() {
        if (minSyncMillis < 0 || syncSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--min-sync-period must be 0 or more and --sync-period more than 0");
        }
        return new ProxyServer.Options(Duration.ofMillis(minSyncMillis), Duration.ofSeconds(syncSeconds), Duration.ofSeconds(60));
    }

    /**
     * The proxy's command line, ready to execute (the node agent runs it beside a kubelet's). A
     * failure reaches the user as one line, without a stack trace (a port in use, a command that failed).
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("proxy: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
