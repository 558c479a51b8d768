package dev.jk8s.ctl.rollout;

import dev.jk8s.api.Kinds;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ObjectNames;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The deployment a rollout subcommand works on, mixed into each: {@code deployment/NAME} or {@code deployment NAME}. */
final class DeploymentTarget {

    @Parameters(arity = "1..2", paramLabel = "DEPLOYMENT", description = "deployment/NAME or deployment NAME.")
    List<String> args;

    /** The deployment's name; a CtlException when the arguments name another kind or are malformed. */
    String name() {
        return deploymentName(args);
    }

    private static String deploymentName(List<String> args) {
        ObjectNames.Typed target = ObjectNames.typed(args);
        if (target.kind() != Kinds.DEPLOYMENT) {
            throw new CtlException("cannot roll out " + target.kind().resource() + ": only deployments have rollouts");
        }
        return target.name();
    }
}
