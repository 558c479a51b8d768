package dev.jk8s.ctl.create;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.rbac.Role;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jctl create role NAME --verb=VERB... --resource=RESOURCE... [--resource-name=NAME]...}:
 * creates a Role in the context's namespace with the rules kubectl makes ({@link RuleOptions}) and
 * prints {@code role.rbac.authorization.k8s.io/NAME created}.
 */
@Command(name = "role", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create a role with rules on resources of one namespace.",
        footer = {"", "Examples:", "  jctl create role pod-reader --verb=get,list,watch --resource=pods",
                "  jctl create role status-writer --verb=update --resource=pods/status,deployments.apps/status",
                "  jctl create role app-config --verb=get --resource=configmaps --resource-name=app"})
public final class CreateRoleCommand extends CtlCommand {

    @ParentCommand
    CreateCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The role's name.")
    String name;

    @Mixin
    RuleOptions rules;

    @Override
    protected int run(Context ctx) {
        if (parent.hasFiles()) {
            throw usage("-f cannot be combined with role NAME; use either");
        }
        if (!rules.verbs.isEmpty() && rules.resources.isEmpty()) {
            throw usage("at least one resource must be specified");
        }
        Role role = new Role(ObjectMeta.builder().namespace(ctx.namespace()).name(name).build(),
                rules.rules(List.of(), this::usage, ctx.err()));
        ctx.out().println(CreateCommand.created(ctx, Kinds.ROLE, role));
        return ExitCodes.OK;
    }
}
