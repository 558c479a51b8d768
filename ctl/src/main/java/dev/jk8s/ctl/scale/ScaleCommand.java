package dev.jk8s.ctl.scale;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.ObjectNames;
import dev.jk8s.ctl.Writes;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl scale KIND NAME --replicas N} (or {@code KIND/NAME}): sets {@code spec.replicas} of a Deployment, a
 * ReplicaSet or a ReplicationController with a compare-and-swap write, re-reading on Conflict unless {@code --resource-version}
 * pins the version. Other kinds have no replicas and are refused.
 */
@Command(name = "scale", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Set the number of replicas of a deployment, a replicaset or a replicationcontroller.",
        footer = {"", "Examples:", "  jctl scale deployment web --replicas 3", "  jctl scale deployment/web --replicas=3", "  jctl scale rs web-5d4f --replicas 0",
                "  jctl scale rc nginx --replicas 2",
                "  jctl scale deploy web --replicas 5 --resource-version 42"})
public final class ScaleCommand extends CtlCommand {

    /** The kinds that have replicas, and how to set them. */
    private static final Map<Kind<?>, BiFunction<ApiObject, Integer, ApiObject>> SCALABLE = Map.of(
            Kinds.DEPLOYMENT, (o, n) -> ((Deployment) o).withSpec(((Deployment) o).spec().withReplicas(n)),
            Kinds.REPLICA_SET, (o, n) -> ((ReplicaSet) o).withSpec(((ReplicaSet) o).spec().withReplicas(n)),
            Kinds.REPLICATION_CONTROLLER, (o, n) -> ((ReplicationController) o).withSpec(
                    ((ReplicationController) o).spec().withReplicas(n)));

    @Parameters(arity = "1..2", paramLabel = "KIND NAME",
            description = "KIND/NAME or KIND NAME; KIND: deployments, replicasets or replicationcontrollers (any name of them).")
    List<String> target;

    private String name;

    @Option(names = "--replicas", required = true, paramLabel = "N", description = "The new number of replicas, 0 or more.")
    int replicas;

    @Option(names = "--resource-version", paramLabel = "RV",
            description = "Scale only if the object is still at this resourceVersion; otherwise fail with Conflict.")
    String resourceVersion;

    @Override
    protected int run(Context ctx) {
        if (replicas < 0) {
            throw usage("--replicas must be 0 or more, not " + replicas);
        }
        Writes.resourceVersionError(resourceVersion).ifPresent(message -> {
            throw usage(message);
        });
        ObjectNames.Typed typed = ObjectNames.typed(target);
        Kind<?> kind = typed.kind();
        name = typed.name();
        BiFunction<ApiObject, Integer, ApiObject> setReplicas = SCALABLE.get(kind);
        if (setReplicas == null) {
            throw new CtlException("cannot scale " + kind.resource()
                    + ": only deployments, replicasets and replicationcontrollers can be scaled");
        }
        scale(ctx, kind, setReplicas);
        ctx.out().println(ObjectNames.ref(kind, name) + " scaled");
        return ExitCodes.OK;
    }

    private <T extends ApiObject> void scale(Context ctx, Kind<T> kind, BiFunction<ApiObject, Integer, ApiObject> set) {
        Writes.update(ctx.client(kind), ctx.namespace(), name, resourceVersion, o -> kind.cast(set.apply(o, replicas)));
    }
}
