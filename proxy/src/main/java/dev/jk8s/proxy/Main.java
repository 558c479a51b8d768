package dev.jk8s.proxy;

import dev.jk8s.api.Kinds;
import dev.jk8s.client.ComponentRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The proxy process. In this first step it connects to the apiserver and keeps the caches it
 * will work from in sync by list+watch; service rules arrive with the proxy issue.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true, description = "Routes service traffic on this node (rules arrive with the proxy issue).")
public final class Main implements Callable<Integer> {

    @Option(names = "--apiserver", defaultValue = "127.0.0.1:6443", description = "The apiserver, host:port (default: ${DEFAULT-VALUE}).")
    String apiserver;

    @Override
    public Integer call() throws Exception {
        return ComponentRunner.syncAndRun("proxy", apiserver, f -> {
            f.informer(Kinds.SERVICE);
            f.informer(Kinds.ENDPOINTS);
        });
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
