package dev.jk8s.ctl.logs;

import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.LogOptions;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.ObjectNames;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl logs POD|TYPE/NAME [-c C] [-f] [--tail N] [--previous]}: a container's log through
 * the apiserver, which relays it from the pod's kubelet. As kubectl: without {@code -c}, a pod
 * with several containers uses its {@code kubectl.kubernetes.io/default-container} annotation,
 * else its first container, and says so on stderr; {@code deployment/NAME},
 * {@code replicaset/NAME} and {@code replicationcontroller/NAME} read one of their pods.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the log of a container in a pod.",
        footer = {"", "Examples:", "  jctl logs web-7d4b9", "  jctl logs web-7d4b9 -c sidecar --tail 20",
                "  jctl logs -f deployment/web", "  jctl logs web-7d4b9 --previous"})
public final class LogsCommand extends CtlCommand {

    static final String DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

    @Parameters(index = "0", paramLabel = "POD", description = "The pod, or TYPE/NAME of a pod, deployment or replicaset.")
    String target;

    @Option(names = {"-c", "--container"}, paramLabel = "CONTAINER", description = "The container (default: see above).")
    String container;

    @Option(names = {"-f", "--follow"}, description = "Keep printing the log as it grows, until interrupted.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", defaultValue = "-1",
            description = "Only the last N lines; -1 (the default) prints all.")
    long tail;

    @Option(names = {"-p", "--previous"}, description = "The log of the previous, terminated instance of the container.")
    boolean previous;

    @Override
    protected int run(Context ctx) {
        if (tail < -1) {
            throw usage("--tail must be -1 (all lines) or more, not " + tail);
        }
        Pod pod = new LogSources(ctx).pod(target);
        LogOptions options = new LogOptions(containerOf(ctx, pod), follow, tail >= 0 ? tail : null, previous);
        try {
            ctx.clients().logs(pod.metadata().namespace(), pod.metadata().name(), options, new CheckedOutput(ctx.out()));
        } catch (UncheckedIOException e) {
            return ExitCodes.OK; // the reader went away (e.g. `| head`): as kubectl, not an error
        }
        return ExitCodes.OK;
    }

    /** {@code -c}, else null for a single-container pod, else the annotated default or the first container. */
    private String containerOf(Context ctx, Pod pod) {
        if (container != null) {
            return container;
        }
        List<String> names = pod.spec().containers().stream().map(Container::name).toList();
        if (names.size() <= 1) {
            return null;
        }
        String annotated = pod.metadata().annotations().get(DEFAULT_CONTAINER_ANNOTATION);
        String chosen = names.contains(annotated) ? annotated : names.get(0);
        ctx.err().println("Defaulted container \"" + chosen + "\" out of: " + describe(pod));
        return chosen;
    }

    private static String describe(Pod pod) {
        String main = pod.spec().containers().stream().map(Container::name).collect(Collectors.joining(", "));
        String init = pod.spec().initContainers().stream().map(c -> ", " + c.name() + " (init)").collect(Collectors.joining());
        return main + init;
    }

    /** Only pods, deployments, replicasets and replicationcontrollers have logs. */
    static Kind<?> logKind(String typed) {
        Kind<?> kind = ObjectNames.kind(typed);
        if (kind != Kinds.POD && kind != Kinds.DEPLOYMENT && kind != Kinds.REPLICA_SET
                && kind != Kinds.REPLICATION_CONTROLLER) {
            throw new CtlException("cannot get logs of " + kind.resource() + "; use a pod, deployment/NAME, replicaset/NAME"
                    + " or replicationcontroller/NAME");
        }
        return kind;
    }
}
