package dev.jk8s.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The node agent: one node's kubelet and proxy in one JVM, as k3s' agent runs kubelet and
 * kube-proxy in one process. Two JVMs per node cost about 190 MiB resident, one about 120 MiB,
 * because most of a JVM's memory is what both load anyway (the runtime, gRPC, Netty, Jackson).
 *
 * <p>Each component still has its own {@code main} and runs alone just as well; this only hosts
 * both. Both get {@code --apiserver} and {@code --certificate-authority}; the kubelet also
 * {@code --node-name}; every other flag (such as the kubelet's serving certificate) is
 * passed through {@code --kubelet-arg} and {@code --proxy-arg}, and both sets are checked before
 * either component starts. The agent ends when either component ends: a component that stops on
 * its own (it cannot reach Docker, its port is taken) takes the node down with its exit code, so
 * that whatever supervises the node sees the failure; SIGTERM stops both cleanly.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Runs a node's kubelet and proxy in one process.")
public final class Main implements Callable<Integer> {

    @Option(names = "--apiserver", defaultValue = "127.0.0.1:6443", description = "The apiserver, host:port, for both (default: ${DEFAULT-VALUE}).")
    String apiserver;

    @Option(names = "--certificate-authority", paramLabel = "FILE",
            description = "The CA of the apiserver's certificate, for both: talk to it over TLS (without: plaintext).")
    Path certificateAuthority;

    @Option(names = "--node-name", required = true, description = "The node's name (the kubelet's --node-name).")
    String nodeName;

    @Option(names = "--kubelet-arg", paramLabel = "FLAG", description = "A flag for the kubelet, e.g. --kubelet-arg=--port=10251 (repeatable).")
    List<String> kubeletArgs = new ArrayList<>();

    @Option(names = "--proxy-arg", paramLabel = "FLAG", description = "A flag for the proxy, e.g. --proxy-arg=--port=10301 (repeatable).")
    List<String> proxyArgs = new ArrayList<>();

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** A component: its name in messages, how to make its command line, and its arguments. */
    record Component(String name, Supplier<CommandLine> commandLine, List<String> args) {
    }

    @Override
    public Integer call() throws Exception {
        List<Component> components = components();
        for (Component c : components) {
            check(c);
        }
        List<CompletableFuture<Integer>> running = components.stream().map(Main::start).toList();
        CompletableFuture.anyOf(running.toArray(CompletableFuture[]::new)).join();
        for (int i = 0; i < running.size(); i++) {
            CompletableFuture<Integer> done = running.get(i);
            if (done.isDone() && !shuttingDown()) {
                int code = done.join();
                System.err.printf("node: the %s stopped (exit code %d); stopping node %s%n", components.get(i).name(), code, nodeName);
                return code == 0 ? 1 : code;
            }
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return 0;
    }

    /** The kubelet's and the proxy's command lines with the arguments this agent passes them. */
    List<Component> components() {
        List<String> kubelet = new ArrayList<>(List.of("--apiserver", apiserver, "--node-name", nodeName));
        List<String> proxy = new ArrayList<>(List.of("--apiserver", apiserver));
        if (certificateAuthority != null) {
            kubelet.addAll(List.of("--certificate-authority", certificateAuthority.toString()));
            proxy.addAll(List.of("--certificate-authority", certificateAuthority.toString()));
        }
        kubelet.addAll(kubeletArgs);
        proxy.addAll(proxyArgs);
        return List.of(new Component("kubelet", dev.jk8s.kubelet.Main::commandLine, List.copyOf(kubelet)),
                new Component("proxy", dev.jk8s.proxy.Main::commandLine, List.copyOf(proxy)));
    }

    /** Parses a component's arguments on a throwaway instance, so that a bad flag starts nothing. */
    private void check(Component c) {
        try {
            c.commandLine().get().parseArgs(c.args().toArray(String[]::new));
        } catch (ParameterException e) {
            throw new ParameterException(spec.commandLine(), "--" + c.name() + "-arg: " + e.getMessage());
        }
    }

    private static CompletableFuture<Integer> start(Component c) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exit.complete(c.commandLine().get().execute(c.args().toArray(String[]::new)));
            } catch (RuntimeException | Error e) { // picocli's execute handles its own; this is a last resort
                System.err.println("node: the " + c.name() + " failed: " + e);
                exit.complete(1);
            }
        }, c.name());
        thread.start();
        return exit;
    }

    /** True once the JVM runs its shutdown hooks (SIGTERM, SIGINT): the only time a component may end normally. */
    private static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
