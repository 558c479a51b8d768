package dev.jk8s.ctl.rollout;

import dev.jk8s.api.Kind;
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

    /**
     * The deployment's name from {@code deployment/NAME} or {@code deployment NAME}.
     *
     * @throws CtlException when the type is not a deployment, or the arguments are not one of those forms
     */
    private static String deploymentName(List<String> args) {
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
