package dev.jk8s.ctl.rollout;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.Durations;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.KindClient;
import dev.jk8s.ctl.ObjectWaiter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jctl rollout status deployment/NAME}: prints the rollout's progress each time it changes
 * (watching the Deployment, never polling) until it completes (exit 0), fails because the
 * controller reports its progress deadline exceeded (exit 1, with the reason), or {@code --timeout}
 * passes (exit 1).
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show a deployment's rollout progress until it completes or fails.")
public final class RolloutStatusCommand extends CtlCommand {

    @Mixin
    DeploymentTarget target = new DeploymentTarget();

    @Option(names = {"-w", "--watch"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wait until the rollout ends (default); --watch=false prints the current state once.")
    boolean watch;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "0s", converter = Durations.Converter.class,
            description = "Give up after this long, e.g. 90s or 5m; 0s (the default) waits as long as it takes.")
    Duration timeout;

    @Override
    protected int run(Context ctx) {
        String name = target.name();
        KindClient<Deployment> deployments = ctx.client(Kinds.DEPLOYMENT);
        Deployment current = deployments.get(ctx.namespace(), name);
        if (!watch) {
            RolloutProgress p = RolloutProgress.of(current);
            ctx.out().println(p.message());
            return p.state() == RolloutProgress.State.FAILED ? ExitCodes.ERROR : ExitCodes.OK;
        }
        AtomicReference<RolloutProgress> last = new AtomicReference<>();
        boolean ended = ObjectWaiter.await(deployments, current, timeout, state -> show(ctx, name, state, last));
        if (!ended) {
            throw new CtlException("timed out after " + Durations.format(timeout) + " waiting for deployment \"" + name
                    + "\" to roll out; last state: " + last.get().message());
        }
        if (last.get().state() == RolloutProgress.State.FAILED) {
            throw new CtlException(last.get().message() + "; see `jctl describe deployment " + name + "`");
        }
        return ExitCodes.OK;
    }

    /** Prints the progress when it changed; true when the rollout has ended either way. */
    private static boolean show(Context ctx, String name, Optional<Deployment> state, AtomicReference<RolloutProgress> last) {
        Deployment d = state.orElseThrow(() -> new CtlException("deployment \"" + name + "\" was deleted during its rollout"));
        RolloutProgress p = RolloutProgress.of(d);
        if (p.state() != RolloutProgress.State.FAILED && !p.equals(last.get())) {
            ctx.out().println(p.message());
            ctx.out().flush();
        }
        last.set(p);
        return p.state() != RolloutProgress.State.WAITING;
    }
}
