package dev.jk8s.ctl.apply;

import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jctl apply -f}: makes the cluster match the manifests, document by document. A failing
 * document does not stop the others; the failures are listed at the end and the exit status is 1.
 * An unreachable apiserver stops the run at once, since every document would fail the same way.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create or update objects from manifests, as kubectl apply does.",
                "Fields removed from a manifest since its last apply are removed from the object; fields set by"
                        + " others are kept. Lists are replaced whole (no merge by key, unlike kubectl's strategic merge)."},
        footer = {"", "Examples:", "  jctl apply -f examples/configmap.yaml", "  jctl apply -R -f manifests/",
                "  cat web.yaml | jctl apply -f -"})
public final class ApplyCommand extends CtlCommand {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "A manifest file, a directory of .yaml/.yml/.json files, or - for stdin. Repeatable.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-R", "--recursive"}, description = "Also read the subdirectories of directories given with -f.")
    boolean recursive;

    @Option(names = "--dry-run", arity = "0..1", fallbackValue = "client", defaultValue = "none", paramLabel = "MODE",
            converter = DryRun.Converter.class,
            description = "none (default), client (show what would happen, send nothing) or server (the apiserver"
                    + " validates, stores nothing). Bare --dry-run means client.")
    DryRun dryRun;

    @Override
    protected int run(Context ctx) {
        Applier applier = new Applier(ctx.clients(), ctx.namespace(), ctx.namespaceExplicit(), dryRun);
        return ManifestRun.run(ctx, files, recursive, "apply", applier::apply);
    }
}
