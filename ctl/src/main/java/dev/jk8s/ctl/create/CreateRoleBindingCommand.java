package dev.jk8s.ctl.create;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jctl create rolebinding NAME --role=ROLE|--clusterrole=ROLE [--user=U]... [--group=G]...
 * [--serviceaccount=NS:NAME]...}: grants a Role of the context's namespace, or a ClusterRole within
 * it, and prints {@code rolebinding.rbac.authorization.k8s.io/NAME created}.
 */
@Command(name = "rolebinding", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create a role binding: a role (or a cluster role's rules) for users, groups and service accounts"
                + " in one namespace.",
        footer = {"", "Examples:", "  jctl create rolebinding read-pods --role=pod-reader --user=jane",
                "  jctl create rolebinding ci-edit --clusterrole=edit --serviceaccount=ci:builder -n team-a"})
public final class CreateRoleBindingCommand extends CtlCommand {

    @ParentCommand
    CreateCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The role binding's name.")
    String name;

    @Option(names = "--role", paramLabel = "ROLE", description = "The Role to grant, of the same namespace.")
    String role;

    @Option(names = "--clusterrole", paramLabel = "CLUSTERROLE", description = "The ClusterRole whose rules to grant.")
    String clusterRole;

    @Mixin
    SubjectOptions subjects;

    @Override
    protected int run(Context ctx) {
        if (parent.hasFiles()) {
            throw usage("-f cannot be combined with rolebinding NAME; use either");
        }
        if ((role == null) == (clusterRole == null)) {
            throw usage("exactly one of clusterrole or role must be specified");
        }
        RoleBinding binding = new RoleBinding(ObjectMeta.builder().namespace(ctx.namespace()).name(name).build(),
                subjects.subjects(this::usage), role != null ? RoleRef.role(role) : RoleRef.clusterRole(clusterRole));
        ctx.out().println(CreateCommand.created(ctx, Kinds.ROLE_BINDING, binding));
        return ExitCodes.OK;
    }
}
