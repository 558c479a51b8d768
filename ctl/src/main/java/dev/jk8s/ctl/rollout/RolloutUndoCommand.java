package dev.jk8s.ctl.rollout;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.core.PodTemplateSpec;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.ObjectNames;
import dev.jk8s.ctl.Writes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jctl rollout undo deployment/NAME [--to-revision N]}: puts the pod template of an earlier
 * revision (by default the one before the latest) back into the deployment with a compare-and-swap
 * update; the Deployment controller then rolls it out as a new revision.
 */
@Command(name = "undo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Roll a deployment back to an earlier revision.")
public final class RolloutUndoCommand extends CtlCommand {

    @Mixin
    DeploymentTarget target = new DeploymentTarget();

    @Option(names = "--to-revision", paramLabel = "N", defaultValue = "0",
            description = "The revision to return to; 0 (the default) is the one before the latest.")
    long toRevision;

    @Override
    protected int run(Context ctx) {
        if (toRevision < 0) {
            throw usage("--to-revision must be 0 or more, not " + toRevision);
        }
        String name = target.name();
        String ref = ObjectNames.ref(Kinds.DEPLOYMENT, name);
        List<Revisions.Revision> history = RolloutHistoryCommand.history(ctx, name);
        Revisions.Revision chosen = Revisions.find(history, toRevision).orElseThrow(() -> new CtlException(toRevision == 0
                ? "no rollout history found for " + ref + ": it has no earlier revision to return to"
                : "unable to find revision " + toRevision + " of " + ref + "; see `jctl rollout history " + ref + "`"));
        PodTemplateSpec template = Revisions.template(chosen);
        Deployment current = ctx.client(Kinds.DEPLOYMENT).get(ctx.namespace(), name);
        if (current.spec().template().equals(template)) {
            ctx.out().println(ref + " skipped rollback (current template already matches revision " + chosen.number() + ")");
            return ExitCodes.OK;
        }
        Writes.update(ctx.client(Kinds.DEPLOYMENT), ctx.namespace(), name, null,
                d -> d.withSpec(d.spec().withTemplate(template)));
        ctx.out().println(ref + " rolled back");
        return ExitCodes.OK;
    }
}
