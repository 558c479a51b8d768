package dev.jk8s.ctl.node;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Node;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.KindClient;
import dev.jk8s.ctl.ObjectNames;
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

    /** {@code cordoned} or {@code uncordoned}. */
    abstract String done();

    @Override
    protected int run(Context ctx) {
        KindClient<Node> nodes = ctx.client(Kinds.NODE);
        String ref = ObjectNames.ref(Kinds.NODE, name);
        if (nodes.get(null, name).spec().isUnschedulable() == unschedulable()) {
            ctx.out().println(ref + " already " + done());
            return ExitCodes.OK;
        }
        nodes.guaranteedUpdate(null, name, n -> n.withSpec(n.spec().withUnschedulable(unschedulable())));
        ctx.out().println(ref + " " + done());
        return ExitCodes.OK;
    }
}
