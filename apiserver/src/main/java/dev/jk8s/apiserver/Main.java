package dev.jk8s.apiserver;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The apiserver process: parses flags and starts an {@link ApiServer}. */
@Command(name = "apiserver", mixinStandardHelpOptions = true,
        description = "Serves the jk8s API over gRPC; the only process that talks to etcd.")
public final class Main implements Callable<Integer> {

    @Option(names = "--etcd-servers", defaultValue = "http://127.0.0.1:2379",
            description = "Comma-separated etcd client URLs (default: ${DEFAULT-VALUE}).")
    String etcdServers;

    @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "Address to serve on (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--port", defaultValue = "6443", description = "gRPC API port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--http-port", defaultValue = "6080", description = "Port of /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--watch-cache-size", defaultValue = "10000", description = "Events kept per resource for watches to resume from (default: ${DEFAULT-VALUE}).")
    int watchCacheSize;

    @Option(names = "--compaction-interval-seconds", defaultValue = "300", description = "How often etcd history is compacted (default: ${DEFAULT-VALUE}).")
    long compactionSeconds;

    @Option(names = "--service-cluster-ip-range", defaultValue = ApiServer.Options.DEFAULT_SERVICE_CIDR,
            description = "The CIDR Services' clusterIPs come from; it must not overlap anything routed (default: ${DEFAULT-VALUE}).")
    String serviceCidr;

    @Option(names = "--service-node-port-range", defaultValue = ApiServer.Options.DEFAULT_NODE_PORT_RANGE,
            description = "The ports NodePort Services' nodePorts come from (default: ${DEFAULT-VALUE}).")
    String nodePortRange;

    @Option(names = "--event-ttl-minutes", defaultValue = "60",
            description = "How long events outlive the object they are about (default: ${DEFAULT-VALUE}).")
    long eventTtlMinutes;

    @Mixin
    TlsFlags tlsFlags = new TlsFlags();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ApiServer.Options options = new ApiServer.Options(etcdServers, bindAddress, port, httpPort, watchCacheSize,
                Duration.ofSeconds(compactionSeconds), Duration.ofSeconds(5), Duration.ofMinutes(eventTtlMinutes), serviceCidr,
                nodePortRange, tlsFlags.tls(spec));
        ApiServer server;
        try {
            server = ApiServer.start(options);
        } catch (IllegalArgumentException e) { // a certificate or key that cannot be read or used
            System.err.println("apiserver: error: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "apiserver-shutdown"));
        server.awaitTermination();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
