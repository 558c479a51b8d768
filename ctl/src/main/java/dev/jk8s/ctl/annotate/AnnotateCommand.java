package dev.jk8s.ctl.annotate;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.KindClient;
import dev.jk8s.ctl.ObjectNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl annotate KIND NAME KEY=VALUE... KEY-...}: changes an object's annotations. Without
 * {@code --resource-version} it re-reads and retries when someone else wrote in between; with
 * it, the write is a compare-and-swap on that version, and a stale one fails with Conflict.
 */
@Command(name = "annotate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Set or remove annotations of an object.",
        footer = {"", "Examples:", "  jctl annotate configmap app-config owner=team-a",
                "  jctl annotate cm app-config owner=team-b --overwrite", "  jctl annotate cm app-config owner-",
                "  jctl annotate cm app-config reviewed=yes --resource-version 42"})
public final class AnnotateCommand extends CtlCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "The kind: plural, singular or short name.")
    String kindName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The object's name.")
    String name;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "KEY=VALUE|KEY-",
            description = "KEY=VALUE sets an annotation, KEY- removes one.")
    List<String> changes = new ArrayList<>();

    @Option(names = "--overwrite", description = "Allow replacing the value of an annotation that is already set.")
    boolean overwrite;

    @Option(names = "--resource-version", paramLabel = "RV",
            description = "Change the object only if it is still at this resourceVersion; otherwise fail with Conflict.")
    String resourceVersion;

    @Override
    protected int run(Context ctx) {
        AnnotationChanges parsed;
        try {
            parsed = AnnotationChanges.parse(changes);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (resourceVersion != null && !resourceVersion.matches("[1-9][0-9]{0,18}")) {
            throw usage("--resource-version must be a resourceVersion (a positive number, as in metadata.resourceVersion),"
                    + " not '" + resourceVersion + "'");
        }
        Kind<?> kind = ObjectNames.kind(kindName);
        annotate(ctx, kind, parsed);
        ctx.out().println(ObjectNames.ref(kind, name) + " annotated");
        return ExitCodes.OK;
    }

    private <T extends ApiObject> void annotate(Context ctx, Kind<T> kind, AnnotationChanges parsed) {
        KindClient<T> client = ctx.client(kind);
        String namespace = ObjectNames.namespaceFor(kind, ctx.namespace());
        UnaryOperator<T> change = o -> kind.cast(o.withMetadata(
                o.metadata().withAnnotations(parsed.applyTo(o.metadata().annotations(), overwrite))));
        if (resourceVersion == null) {
            client.guaranteedUpdate(namespace, name, change);
        } else {
            T current = client.get(namespace, name);
            T changed = change.apply(current);
            client.update(kind.cast(changed.withMetadata(changed.metadata().withResourceVersion(resourceVersion))), false);
        }
    }
}
