package dev.jk8s.ctl.create;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.rbac.ClusterRole;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jctl create clusterrole NAME --verb=VERB... [--resource=RESOURCE]... [--non-resource-url=URL]...}:
 * creates a ClusterRole with the rules kubectl makes ({@link RuleOptions}) and prints
 * {@code clusterrole.rbac.authorization.k8s.io/NAME created}.
 */
@Command(name = "clusterrole", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create a cluster role with rules on resources of every namespace, or on non-resource URLs.",
        footer = {"", "Examples:", "  jctl create clusterrole node-reader --verb=get,list,watch --resource=nodes",
                "  jctl create clusterrole health --verb=get --non-resource-url=/healthz,/readyz"})
public final class CreateClusterRoleCommand extends CtlCommand {

    @ParentCommand
    CreateCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The cluster role's name (may hold colons: system:x).")
    String name;

    @Mixin
    RuleOptions rules;

    @Option(names = "--non-resource-url", split = ",", paramLabel = "URL",
            description = "URLs outside the API the rule allows (/healthz, /logs/*). Repeatable.")
    List<String> urls = new ArrayList<>();

    @Override
    protected int run(Context ctx) {
        if (parent.hasFiles()) {
            throw usage("-f cannot be combined with clusterrole NAME; use either");
        }
        if (!rules.verbs.isEmpty() && rules.resources.isEmpty() && urls.isEmpty()) {
            throw usage("one of resource or nonResourceURL must be specified");
        }
        ClusterRole role = new ClusterRole(ObjectMeta.builder().name(name).build(), rules.rules(urls, this::usage, ctx.err()));
        ctx.out().println(CreateCommand.created(ctx, Kinds.CLUSTER_ROLE, role));
        return ExitCodes.OK;
    }
}
