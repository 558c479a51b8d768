package dev.jk8s.ctl.rollout;

import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ObjectNames;
import java.util.List;
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

    /**
     * The deployment's name from {@code deployment/NAME} or {@code deployment NAME}.
     *
     * @throws CtlException when the type is not a deployment, or the arguments are not one of those forms
     */
    static String deploymentName(List<String> args) {
        String type;
        String name;
        if (args.size() == 1 && args.get(0).contains("/")) {
            type = args.get(0).substring(0, args.get(0).indexOf('/'));
            name = args.get(0).substring(args.get(0).indexOf('/') + 1);
        } else if (args.size() == 2) {
            type = args.get(0);
            name = args.get(1);
        } else {
            throw new CtlException("name the deployment as deployment/NAME or deployment NAME, not " + String.join(" ", args));
        }
        Kind<?> kind = ObjectNames.kind(type);
        if (kind != Kinds.DEPLOYMENT) {
            throw new CtlException("cannot roll out " + kind.resource() + ": only deployments have rollouts");
        }
        if (name.isEmpty()) {
            throw new CtlException("the deployment's name is missing; write deployment/NAME");
        }
        return name;
    }
}
