package dev.jk8s.ctl.create;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentSpec;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.PodSpec;
import dev.jk8s.api.core.PodTemplateSpec;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jctl create deployment NAME --image=IMAGE... [--replicas=N]}: creates the Deployment
 * kubectl's generator makes: labels, selector and pod labels {@code app=NAME}, one container per
 * image named after the image ({@link #containerName}), in the context's namespace; prints
 * {@code deployment.apps/NAME created}.
 */
@Command(name = "deployment", aliases = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create a deployment with the given name, running the given images.",
        footer = {"", "Examples:", "  jctl create deployment hello --image=nginx:1.25",
                "  jctl create deploy web --image=nginx --image=busybox --replicas=3"})
public final class CreateDeploymentCommand extends CtlCommand {

    @ParentCommand
    CreateCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The deployment's name; also its app label.")
    String name;

    @Option(names = "--image", required = true, paramLabel = "IMAGE",
            description = "The image of a container, named after it (nginx:1.25 → nginx). Repeatable.")
    List<String> images;

    @Option(names = {"-r", "--replicas"}, paramLabel = "N", defaultValue = "1", description = "Pods to run (default: 1).")
    int replicas;

    @Override
    protected int run(Context ctx) {
        if (parent.hasFiles()) {
            throw usage("-f cannot be combined with deployment NAME; use either");
        }
        if (replicas < 0) {
            throw usage("--replicas must be 0 or more, not " + replicas);
        }
        ctx.out().println(CreateCommand.created(ctx, Kinds.DEPLOYMENT, deployment(ctx.namespace())));
        return ExitCodes.OK;
    }

    private Deployment deployment(String namespace) {
        Map<String, String> labels = Map.of("app", name);
        PodSpec pod = PodSpec.of(images.stream().map(i -> Container.of(containerName(i), i)).toArray(Container[]::new));
        PodTemplateSpec template = new PodTemplateSpec(ObjectMeta.builder().labels(labels).build(), pod);
        return new Deployment(ObjectMeta.builder().namespace(namespace).name(name).labels(labels).build(),
                new DeploymentSpec(replicas, LabelSelector.of(labels), template, null, null, null, null, null));
    }

    /** kubectl's: the image without registry, repository path, tag or digest ({@code docker.io/library/nginx:1.25} → nginx). */
    static String containerName(String image) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        int digest = last.indexOf('@');
        last = digest < 0 ? last : last.substring(0, digest);
        int tag = last.indexOf(':');
        return tag < 0 ? last : last.substring(0, tag);
    }
}
