package dev.jk8s.ctl.rollout;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jctl rollout status|history|undo deployment/NAME}: follow and manage a Deployment's
 * rollouts. Only Deployments roll out (jk8s has no DaemonSets or StatefulSets).
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Follow a deployment's rollout, list its revisions, or roll it back.",
        subcommands = {RolloutStatusCommand.class, RolloutHistoryCommand.class, RolloutUndoCommand.class},
        footer = {"", "Examples:", "  jctl rollout status deployment/web --timeout 2m", "  jctl rollout history deploy web",
                "  jctl rollout undo deployment/web --to-revision 2"})
public final class RolloutCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: a usage error listing them. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: status, history or undo");
    }
}
