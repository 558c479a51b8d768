package dev.jk8s.kubelet;

import dev.jk8s.api.Kinds;
import dev.jk8s.client.ComponentRunner;
import dev.jk8s.client.ListOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The kubelet process. In this first step it connects to the apiserver and keeps the caches it
 * will work from in sync by list+watch; running pods on Docker arrives with the kubelet issue.
 */
@Command(name = "kubelet", mixinStandardHelpOptions = true, description = "The node agent (running pods on Docker arrives with the kubelet issue).")
public final class Main implements Callable<Integer> {

    @Option(names = "--apiserver", defaultValue = "127.0.0.1:6443", description = "The apiserver, host:port (default: ${DEFAULT-VALUE}).")
    String apiserver;

    @Option(names = "--node-name", required = true, description = "The name of the node this kubelet runs.")
    String nodeName;

    @Override
    public Integer call() throws Exception {
        return ComponentRunner.syncAndRun("kubelet", apiserver, f -> {
            f.informer(Kinds.POD, null, ListOptions.fields("spec.nodeName=" + nodeName));
        });
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
