package dev.jk8s.scheduler;

import dev.jk8s.api.Kinds;
import dev.jk8s.client.ComponentRunner;
import dev.jk8s.client.ListOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scheduler process. In this first step it connects to the apiserver and keeps the caches it
 * will work from in sync by list+watch; binding pods to nodes arrives with the scheduler issue.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true, description = "Assigns pods to nodes (filters and scores arrive with the scheduler issue).")
public final class Main implements Callable<Integer> {

    @Option(names = "--apiserver", defaultValue = "127.0.0.1:6443", description = "The apiserver, host:port (default: ${DEFAULT-VALUE}).")
    String apiserver;

    @Override
    public Integer call() throws Exception {
        return ComponentRunner.syncAndRun("scheduler", apiserver, f -> {
            f.informer(Kinds.POD, null, ListOptions.fields("spec.nodeName="));
            f.informer(Kinds.NODE);
        });
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
