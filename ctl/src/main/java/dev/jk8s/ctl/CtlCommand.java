package dev.jk8s.ctl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of every verb, at any depth ({@code jctl get}, {@code jctl rollout status}): finds the
 * run's {@link Context} through the root command and returns the
 * exit status of {@link #run}. Failures are thrown, never printed here: {@link ErrorReporter}
 * prints them. A command reports a wrong combination of arguments with {@link #usage}.
 */
public abstract class CtlCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public final Integer call() {
        return run(((Main) spec.root().userObject()).context());
    }

    /** Does the work; returns an {@link ExitCodes} value. */
    protected abstract int run(Context ctx);

    /** A usage error of this command: printed with a pointer to its help, exit {@link ExitCodes#USAGE}. */
    protected ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
