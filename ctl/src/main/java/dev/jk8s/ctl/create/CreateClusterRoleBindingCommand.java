package dev.jk8s.ctl.create;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.rbac.ClusterRoleBinding;
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
 * {@code jctl create clusterrolebinding NAME --clusterrole=ROLE [--user=U]... [--group=G]...
 * [--serviceaccount=NS:NAME]...}: grants a ClusterRole in every namespace and prints
 * {@code clusterrolebinding.rbac.authorization.k8s.io/NAME created}.
 */
@Command(name = "clusterrolebinding", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create a cluster role binding: a cluster role for users, groups and service accounts, in every"
                + " namespace.",
        footer = {"", "Examples:", "  jctl create clusterrolebinding ops-admin --clusterrole=cluster-admin --group=ops",
                "  jctl create clusterrolebinding ci-view --clusterrole=view --serviceaccount=ci:builder"})
public final class CreateClusterRoleBindingCommand extends CtlCommand {

    @ParentCommand
    CreateCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The cluster role binding's name.")
    String name;

    @Option(names = "--clusterrole", required = true, paramLabel = "CLUSTERROLE", description = "The ClusterRole to grant.")
    String clusterRole;

    @Mixin
    SubjectOptions subjects;

    @Override
    protected int run(Context ctx) {
        if (parent.hasFiles()) {
            throw usage("-f cannot be combined with clusterrolebinding NAME; use either");
        }
        ClusterRoleBinding binding = new ClusterRoleBinding(ObjectMeta.builder().name(name).build(),
                subjects.subjects(this::usage), RoleRef.clusterRole(clusterRole));
        ctx.out().println(CreateCommand.created(ctx, Kinds.CLUSTER_ROLE_BINDING, binding));
        return ExitCodes.OK;
    }
}
