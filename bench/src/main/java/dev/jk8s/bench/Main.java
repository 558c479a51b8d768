package dev.jk8s.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Benchmarks: each prints its result next to a baseline measured in the same run, and a ratio. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {CreateThroughput.class, PodStartup.class, SchedulerThroughput.class, DeploymentScale.class,
        ServiceProxy.class, SecurityCost.class},
        description = "jk8s benchmarks (not tests: they print numbers and ratios, they never fail on a number).")
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
