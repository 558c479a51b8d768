package dev.jk8s.apiserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The apiserver process: parses flags and starts an {@link ApiServer}. */
@Command(name = "apiserver", mixinStandardHelpOptions = true,
        description = "Serves the jk8s API over gRPC; the only process that talks to etcd.")
public final class Main implements Callable<Integer> {

    @Option(names = "--etcd-servers", defaultValue = "http://127.0.0.1:2379",
            description = "Comma-separated etcd client URLs (default: ${DEFAULT-VALUE}).")
    String etcdServers;

    @Option(names = "--bind-address", defaultValue = "127.0.0.1",
            description = "Addresses the gRPC API listens on, comma-separated (the first also serves /healthz and /metrics)"
                    + " (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--token-auth-file", paramLabel = "FILE",
            description = "Users with static tokens, one per line: sha256:<hex of the token>,name,uid[,\"group1,group2\"]"
                    + " (bin/cluster up writes it). Every call needs a token an authenticator knows.")
    Path tokenAuthFile;

    @Option(names = "--audit-log-path", paramLabel = "FILE", description = "Where the audit log (JSON lines) goes; none by default.")
    Path auditLogPath;

    @Option(names = "--audit-log-maxsize", defaultValue = "100", paramLabel = "MB",
            description = "Megabytes at which the audit log is rotated (default: ${DEFAULT-VALUE}).")
    long auditLogMaxMegabytes;

    @Option(names = "--audit-log-maxbackup", defaultValue = "5", description = "Rotated audit logs kept (default: ${DEFAULT-VALUE}).")
    int auditLogMaxBackups;


    @Mixin
    TlsFlags tlsFlags = new TlsFlags();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (auditLogMaxMegabytes <= 0 || auditLogMaxBackups < 0) {
            throw new ParameterException(spec.commandLine(), "--audit-log-maxsize must be more than 0 and --audit-log-maxbackup 0 or more");
        }
        ApiServer.Auth auth = ApiServer.Auth.tokens(tokenAuthFile)
                .withAuditLog(auditLogPath, auditLogMaxMegabytes * 1024 * 1024, auditLogMaxBackups);
        ApiServer.Options options = new ApiServer.Options(etcdServers, bindAddress, port, httpPort, watchCacheSize,
                Duration.ofSeconds(compactionSeconds), Duration.ofSeconds(5), Duration.ofMinutes(eventTtlMinutes), serviceCidr,
                nodePortRange, auth, tlsFlags.tls(spec));
        ApiServer server;
        try {
            server = ApiServer.start(options);
        } catch (IllegalArgumentException e) { // a certificate, key or token file that cannot be read or used
            System.err.println("apiserver: error: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "apiserver-shutdown"));
        server.awaitTermination();
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        // a bad token file or a port in use: one line, no stack trace
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("apiserver: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        System.exit(cl.execute(args));
    }
}
