package dev.jk8s.ctl.create;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ObjectNames;
import dev.jk8s.ctl.apply.ManifestRun;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jctl create -f}: creates every object of the manifests, as kubectl create does. An
 * object that exists already is an error for that document only (nothing is updated, unlike
 * apply); the failures are listed at the end and the exit status is 1. Like kubectl without
 * {@code --save-config}, it records no last-applied annotation. An unreachable apiserver stops
 * the run at once. Its subcommands create one object from the command line instead
 * ({@code create namespace NAME}, {@code create deployment NAME --image=IMAGE}, {@code create role},
 * {@code create clusterrole}, {@code create rolebinding}, {@code create clusterrolebinding}).
 */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create objects from manifests, or one namespace, deployment, role or binding; an object that"
                + " already exists is an error.",
        subcommands = {CreateNamespaceCommand.class, CreateDeploymentCommand.class, CreateRoleCommand.class,
                CreateClusterRoleCommand.class, CreateRoleBindingCommand.class, CreateClusterRoleBindingCommand.class},
        footer = {"", "Examples:", "  jctl create -f examples/configmap.yaml", "  cat web.yaml | jctl create -f -",
                "  jctl create namespace team-a", "  jctl create deployment hello --image=nginx:1.25 --replicas=2",
                "  jctl create role pod-reader --verb=get,list,watch --resource=pods",
                "  jctl create rolebinding read-pods --role=pod-reader --user=jane"})
public final class CreateCommand extends CtlCommand {

    // Not required = true: picocli would then demand -f of the subcommands too.
    @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-",
            description = "A manifest file, a directory of .yaml/.yml/.json files, or - for stdin. Repeatable.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-R", "--recursive"}, description = "Also read the subdirectories of directories given with -f.")
    boolean recursive;

    @Override
    protected int run(Context ctx) {
        if (files.isEmpty()) {
            throw usage("must specify -f FILE, or what to create: namespace NAME, deployment NAME --image=IMAGE,"
                    + " role|clusterrole NAME --verb=VERB --resource=RESOURCE,"
                    + " rolebinding|clusterrolebinding NAME --clusterrole=ROLE");
        }
        return ManifestRun.run(ctx, files, recursive, "create", m -> create(ctx, Kinds.of(m.object()), m.object()));
    }

    /** Creates one object in its own namespace, else the context's; returns kubectl's line. */
    private static <T extends ApiObject> String create(Context ctx, Kind<T> kind, ApiObject object) {
        T typed = kind.cast(object);
        if (kind.namespaced()) {
            typed = kind.cast(typed.withMetadata(typed.metadata().withNamespace(namespace(ctx, typed))));
        }
        T created = ctx.client(kind).create(typed, false);
        return ObjectNames.ref(kind, created) + " created";
    }

    /** Creates one object made from the command line; returns kubectl's line. */
    static <T extends ApiObject> String created(Context ctx, Kind<T> kind, T object) {
        return ObjectNames.ref(kind, ctx.client(kind).create(object, false)) + " created";
    }

    /** Whether -f was given too, which a subcommand would ignore. */
    boolean hasFiles() {
        return !files.isEmpty();
    }

    private static String namespace(Context ctx, ApiObject object) {
        String own = object.metadata().namespace();
        if (own == null || own.isEmpty()) {
            return ctx.namespace();
        }
        if (ctx.namespaceExplicit() && !own.equals(ctx.namespace())) {
            throw new CtlException("the namespace from the provided object \"" + own + "\" does not match the namespace \""
                    + ctx.namespace() + "\"; pass --namespace=" + own + " or leave -n out");
        }
        return own;
    }
}
