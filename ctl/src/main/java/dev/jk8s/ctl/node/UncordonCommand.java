package dev.jk8s.ctl.node;

import picocli.CommandLine.Command;

/** {@code jctl uncordon NODE}: marks a node schedulable again. */
@Command(name = "uncordon", mixinStandardHelpOptions = true,
        description = "Mark a node schedulable again.",
        footer = {"", "Example:", "  jctl uncordon n1"})
public final class UncordonCommand extends SchedulingCommand {

    @Override
    boolean unschedulable() {
        return false;
    }
}
