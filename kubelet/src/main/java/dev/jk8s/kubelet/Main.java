package dev.jk8s.kubelet;

import dev.jk8s.api.Quantity;
import dev.jk8s.api.core.Taint;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectOptions;
import dev.jk8s.client.ConnectionFlags;
import dev.jk8s.client.Shutdown;
import dev.jk8s.kubelet.hollow.HollowNodes;
import dev.jk8s.kubelet.logs.ServingTls;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.kubelet.node.NodeJoin;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.internal.DockerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The kubelet process: parses flags, then runs one node on Docker, or many hollow nodes in memory. */
@Command(name = "kubelet", mixinStandardHelpOptions = true,
        description = "The node agent: registers a node and runs the pods bound to it through Docker.")
public final class Main implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionFlags connection;

    @Option(names = "--node-name", description = "The name of the node this kubelet runs (required unless --hollow-nodes).")
    String nodeName;

    @Option(names = "--address", defaultValue = "127.0.0.1",
            description = "The node's address: where the log endpoint listens and what the Node reports (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--port", defaultValue = "10250", description = "The log endpoint's port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--cpu", description = "CPUs the node offers (default: this machine's).")
    String cpu;

    @Option(names = "--memory", description = "Memory the node offers, e.g. 8Gi (default: this machine's).")
    String memory;

    @Option(names = "--max-pods", defaultValue = "110", description = "Pods the node takes (default: ${DEFAULT-VALUE}).")
    int maxPods;

    @Option(names = "--labels", split = ",", description = "Labels of the Node, k=v[,k=v...].")
    List<String> labels = List.of();

    @Option(names = "--register-with-taints", split = ",",
            description = "Taints set when the Node is created, k[=v]:Effect[,...] (Effect: NoSchedule, PreferNoSchedule, NoExecute).")
    List<String> taints = List.of();

    @Option(names = "--root-dir", description = "Where pods' volumes live (default: /var/lib/jk8s/kubelet/<node>).")
    Path rootDir;

    @Option(names = "--pod-sandbox-image", defaultValue = "jk8s/pause:1.0", description = "The local image of pod sandboxes (default: ${DEFAULT-VALUE}).")
    String sandboxImage;

    @Option(names = "--crash-loop-backoff-initial", defaultValue = "10s",
            description = "First back-off before restarting a crashed container or pulling an image again; doubles each time (default: ${DEFAULT-VALUE}).")
    String backoffInitial;

    @Option(names = "--crash-loop-backoff-max", defaultValue = "300s", description = "Longest back-off (default: ${DEFAULT-VALUE}).")
    String backoffMax;

    @Option(names = "--allow-remote-pulls", description = "Let imagePullPolicy pull from registries off this host (default: only from 127.0.0.0/8).")
    boolean remotePulls;

    @Option(names = "--workers", defaultValue = "8", description = "Pods synced at the same time (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--hollow-nodes", defaultValue = "0",
            description = "Run this many simulated nodes in memory (no Docker), for scale tests (default: ${DEFAULT-VALUE}).")
    int hollowNodes;

    @Option(names = "--name-prefix", defaultValue = "hollow-", description = "Name prefix of hollow nodes (default: ${DEFAULT-VALUE}).")
    String namePrefix;

    @Option(names = "--bootstrap-token", paramLabel = "TOKEN",
            description = "A bootstrap token (jctl token create) to join with when the node has no credential yet;"
                    + " prefer --bootstrap-token-file, which ps does not show.")
    String bootstrapToken;

    @Option(names = "--bootstrap-token-file", paramLabel = "FILE", description = "A file holding the bootstrap token.")
    Path bootstrapTokenFile;

    @Option(names = "--credential-file", paramLabel = "FILE",
            description = "Where the node's own credential is kept once joined (default: <root-dir>/credential.token).")
    Path credentialFile;

    @Option(names = "--tls-cert-file", paramLabel = "FILE",
            description = "The log endpoint's certificate (PEM); with --tls-private-key-file and --client-ca-file it serves TLS"
                    + " (without the three: plaintext).")
    Path tlsCertFile;

    @Option(names = "--tls-private-key-file", paramLabel = "FILE", description = "Its private key (PEM, PKCS#8).")
    Path tlsKeyFile;

    @Option(names = "--client-ca-file", paramLabel = "FILE",
            description = "Only clients with a certificate signed by this CA may read logs: the apiserver.")
    Path clientCaFile;

    @Override
    public Integer call() throws Exception {
        NodeConfig node = nodeConfig(hollowNodes > 0 ? "template" : requireNodeName());
        Duration initial = duration("--crash-loop-backoff-initial", backoffInitial);
        Duration max = duration("--crash-loop-backoff-max", backoffMax);
        ServingTls tls = hollowNodes > 0 ? null : servingTls();
        try (ApiClient client = ApiClient.connect(connection.apiserver(), credentials(node.nodeName()))) {
            if (hollowNodes > 0) {
                Path root = rootDir != null ? rootDir : Files.createTempDirectory("jk8s-hollow");
                try (HollowNodes nodes = HollowNodes.start(client, hollowNodes, namePrefix, node.withEndpoint(address, 0), root, workers)) {
                    System.err.printf("kubelet: %d hollow nodes %s1..%s%d running%n", hollowNodes, namePrefix, namePrefix, hollowNodes);
                    Shutdown.await(() -> { });
                }
                return 0;
            }
            return runNode(client, node, initial, max, tls);
        }
    }

    /**
     * {@code --token-file} if given; else the node's saved credential, or one obtained with the
     * bootstrap token ({@link NodeJoin}); else none (an apiserver without authentication).
     */
    private ConnectOptions credentials(String nodeName) throws IOException {
        ConnectOptions base = connection.options();
        if (connection.hasTokenFile() || hollowNodes > 0) {
            return base;
        }
        if (bootstrapToken != null && bootstrapTokenFile != null) {
            throw new ParameterException(spec.commandLine(), "give --bootstrap-token or --bootstrap-token-file, not both");
        }
        String bootstrap;
        try {
            bootstrap = bootstrapTokenFile == null ? bootstrapToken
                    : ConnectOptions.DEFAULT.withTokenFile(bootstrapTokenFile).bearerToken();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--bootstrap-token-file: " + e.getMessage());
        }
        Path file = credentialFile != null ? credentialFile : root(nodeName).resolve("credential.token");
        try {
            return NodeJoin.credentials(connection.apiserver(), base, nodeName, file, bootstrap);
        } catch (IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Path root(String nodeName) {
        return rootDir != null ? rootDir : Path.of("/var/lib/jk8s/kubelet", nodeName);
    }

    private int runNode(ApiClient client, NodeConfig node, Duration initial, Duration max, ServingTls tls) throws Exception {
        DockerRuntime docker = DockerRuntime.connect();
        try {
            docker.version();
        } catch (ContainerRuntimeException e) {
            System.err.println("kubelet: error: cannot reach Docker: " + e.getMessage() + "; start dockerd (bin/setup does)");
            return 1;
        }
        Path root = root(node.nodeName());
        Kubelet.Options options = Kubelet.Options.defaults(node, root).withPort(port).withBackoff(initial, max)
                .withWorkers(workers).withSandboxImage(sandboxImage).withRemotePulls(remotePulls).withTls(tls);
        try (Kubelet kubelet = Kubelet.start(client, docker, options)) {
            System.err.printf("kubelet: node %s running, logs on %s:%d (%s)%n", node.nodeName(), address, kubelet.port(),
                    tls == null ? "plaintext, to any caller" : "TLS, to clients of " + tls.clientCaFile());
            Shutdown.await(() -> { });
        } finally {
            docker.close();
        }
        return 0;
    }

    /** The log endpoint's TLS: all three flags, or none (plaintext). */
    private ServingTls servingTls() {
        if (tlsCertFile == null && tlsKeyFile == null && clientCaFile == null) {
            return null;
        }
        if (tlsCertFile == null || tlsKeyFile == null || clientCaFile == null) {
            throw new ParameterException(spec.commandLine(), "--tls-cert-file, --tls-private-key-file and --client-ca-file"
                    + " go together: the log endpoint serves TLS only to clients of the client CA (bin/cluster up passes"
                    + " run/pki's)");
        }
        return new ServingTls(tlsCertFile, tlsKeyFile, clientCaFile);
    }

    private String requireNodeName() {
        if (nodeName == null || nodeName.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--node-name' (or --hollow-nodes N)");
        }
        return nodeName;
    }

    private NodeConfig nodeConfig(String name) {
        NodeConfig c = NodeConfig.defaults(name).withEndpoint(address, port);
        Quantity cpus = cpu == null ? c.cpu() : quantity("--cpu", cpu);
        Quantity mem = memory == null ? c.memory() : quantity("--memory", memory);
        return c.withResources(cpus, mem, maxPods).withLabels(labelMap()).withTaints(taints.stream().map(this::taint).toList());
    }

    private Map<String, String> labelMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String l : labels) {
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--labels: \"" + l + "\" is not key=value");
            }
            map.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return map;
    }

    /** {@code key[=value]:Effect}. */
    private Taint taint(String text) {
        int colon = text.lastIndexOf(':');
        String effect = colon < 0 ? "" : text.substring(colon + 1);
        if (colon <= 0 || !List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
            throw new ParameterException(spec.commandLine(), "--register-with-taints: \"" + text
                    + "\" is not key[=value]:Effect with Effect one of NoSchedule, PreferNoSchedule, NoExecute");
        }
        String kv = text.substring(0, colon);
        int eq = kv.indexOf('=');
        return new Taint(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? null : kv.substring(eq + 1), effect, null);
    }

    private Quantity quantity(String option, String text) {
        try {
            return Quantity.parse(text);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), option + ": \"" + text + "\" is not a quantity (e.g. 4, 500m, 8Gi)");
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}. */
    private Duration duration(String option, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new ParameterException(spec.commandLine(), option + ": \"" + text + "\" is not a positive duration (e.g. 500ms, 10s, 5m)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** The kubelet's command line, ready to execute (the node agent runs it beside a proxy's). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
