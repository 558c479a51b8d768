package dev.jk8s.ctl.node;

import picocli.CommandLine.Command;

/** {@code jctl cordon NODE}: marks a node unschedulable; its pods keep running. */
@Command(name = "cordon", mixinStandardHelpOptions = true,
        description = "Mark a node unschedulable: no new pods are placed on it; running pods stay.",
        footer = {"", "Example:", "  jctl cordon n1"})
public final class CordonCommand extends SchedulingCommand {

    @Override
    boolean unschedulable() {
        return true;
    }
}
