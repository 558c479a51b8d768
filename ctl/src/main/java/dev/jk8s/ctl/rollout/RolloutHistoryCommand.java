package dev.jk8s.ctl.rollout;

import dev.jk8s.api.Codec;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.client.ListOptions;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.ObjectNames;
import dev.jk8s.ctl.get.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jctl rollout history deployment/NAME [--revision N]}: the deployment's revisions with
 * their change causes, or one revision's pod template.
 */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List a deployment's revisions, or show one revision's pod template.")
public final class RolloutHistoryCommand extends CtlCommand {

    @Mixin
    DeploymentTarget target = new DeploymentTarget();

    @Option(names = "--revision", paramLabel = "N", defaultValue = "0",
            description = "Show the pod template of revision N instead of the list.")
    long revision;

    @Override
    protected int run(Context ctx) {
        if (revision < 0) {
            throw usage("--revision must be 1 or more, not " + revision);
        }
        String name = target.name();
        List<Revisions.Revision> history = history(ctx, name);
        String ref = ObjectNames.ref(Kinds.DEPLOYMENT, name);
        if (revision > 0) {
            Revisions.Revision r = history.stream().filter(h -> h.number() == revision).findFirst().orElseThrow(() ->
                    new CtlException("unable to find revision " + revision + " of " + ref + "; see `jctl rollout history "
                            + ref + "`"));
            ctx.out().println(ref + " with revision #" + revision);
            ctx.out().println("Pod Template:");
            Codec.toYaml(Revisions.template(r)).lines().forEach(l -> ctx.out().println("  " + l));
            return ExitCodes.OK;
        }
        if (history.isEmpty()) {
            ctx.out().println("No rollout history found for " + ref + ".");
            return ExitCodes.OK;
        }
        ctx.out().println(ref);
        table(history).forEach(ctx.out()::println);
        return ExitCodes.OK;
    }

    static List<Revisions.Revision> history(Context ctx, String name) {
        Deployment d = ctx.client(Kinds.DEPLOYMENT).get(ctx.namespace(), name);
        return Revisions.of(d, ctx.client(Kinds.REPLICA_SET).list(ctx.namespace(), ListOptions.DEFAULT).items());
    }

    private static List<String> table(List<Revisions.Revision> history) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("REVISION", "CHANGE-CAUSE"));
        history.forEach(r -> rows.add(List.of(Long.toString(r.number()), Objects.requireNonNullElse(r.changeCause(), "<none>"))));
        return Table.layout(rows);
    }
}
