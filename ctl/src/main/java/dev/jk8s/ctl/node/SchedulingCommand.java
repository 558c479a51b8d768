package dev.jk8s.ctl.node;

import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import picocli.CommandLine.Parameters;

/**
 * Base of {@code cordon} and {@code uncordon}: sets a node's {@code spec.unschedulable}. A node
 * already in that state is left alone (nothing is written) and reported as such, as kubectl does.
 */
abstract class SchedulingCommand extends CtlCommand {

    @Parameters(index = "0", paramLabel = "NODE", description = "The node's name.")
    String name;

    /** The {@code spec.unschedulable} this command sets. */
    abstract boolean unschedulable();

    @Override
    protected int run(Context ctx) {
        ctx.out().println(Cordon.set(ctx, name, unschedulable()));
        return ExitCodes.OK;
    }
}
