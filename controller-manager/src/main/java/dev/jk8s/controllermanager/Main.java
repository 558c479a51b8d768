package dev.jk8s.controllermanager;

import dev.jk8s.api.Kinds;
import dev.jk8s.client.ComponentRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The controller-manager process. In this first step it connects to the apiserver and keeps the caches it
 * will work from in sync by list+watch; the controllers arrive with the controller-manager issue.
 */
@Command(name = "controller-manager", mixinStandardHelpOptions = true, description = "Runs the controllers (they arrive with the controller-manager issue).")
public final class Main implements Callable<Integer> {

    @Option(names = "--apiserver", defaultValue = "127.0.0.1:6443", description = "The apiserver, host:port (default: ${DEFAULT-VALUE}).")
    String apiserver;

    @Override
    public Integer call() throws Exception {
        return ComponentRunner.syncAndRun("controller-manager", apiserver, f -> {
            f.informer(Kinds.POD);
            f.informer(Kinds.REPLICA_SET);
            f.informer(Kinds.DEPLOYMENT);
            f.informer(Kinds.NAMESPACE);
        });
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
