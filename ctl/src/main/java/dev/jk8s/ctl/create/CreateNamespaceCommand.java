package dev.jk8s.ctl.create;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jctl create namespace NAME}: creates an empty namespace and prints
 * {@code namespace/NAME created}, as kubectl does; one that exists already is the apiserver's
 * AlreadyExists error (exit 1).
 */
@Command(name = "namespace", aliases = "ns", mixinStandardHelpOptions = true,
        description = "Create a namespace with the given name.",
        footer = {"", "Examples:", "  jctl create namespace team-a"})
public final class CreateNamespaceCommand extends CtlCommand {

    @ParentCommand
    CreateCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The namespace's name (an RFC 1123 label).")
    String name;

    @Override
    protected int run(Context ctx) {
        if (parent.hasFiles()) {
            throw usage("-f cannot be combined with namespace NAME; use either");
        }
        ctx.out().println(CreateCommand.created(ctx, Kinds.NAMESPACE, new Namespace(ObjectMeta.builder().name(name).build())));
        return ExitCodes.OK;
    }
}
