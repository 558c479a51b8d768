package dev.jk8s.ctl;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl label} and {@code jctl annotate}: set and remove keys of one metadata map of an
 * object. Without {@code --resource-version} the change is re-applied on a fresh read after a
 * Conflict; with it, the write is a compare-and-swap on that version and a stale one fails.
 */
public abstract class MetadataCommand extends CtlCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "The kind: plural, singular or short name.")
    String kindName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The object's name.")
    String name;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "KEY=VALUE|KEY-",
            description = "KEY=VALUE sets a key, KEY- removes one.")
    List<String> changes = new ArrayList<>();

    @Option(names = "--overwrite", description = "Allow replacing the value of a key that is already set.")
    boolean overwrite;

    @Option(names = "--resource-version", paramLabel = "RV",
            description = "Change the object only if it is still at this resourceVersion; otherwise fail with Conflict.")
    String resourceVersion;

    /** The metadata map this verb changes. */
    protected abstract MetadataChanges.Field field();

    /** What the verb prints after the object's reference: {@code labeled}, {@code annotated}. */
    protected abstract String done();

    @Override
    protected final int run(Context ctx) {
        MetadataChanges parsed;
        try {
            parsed = MetadataChanges.parse(field(), changes);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Writes.resourceVersionError(resourceVersion).ifPresent(message -> {
            throw usage(message);
        });
        Kind<?> kind = ObjectNames.kind(kindName);
        change(ctx, kind, parsed);
        ctx.out().println(ObjectNames.ref(kind, name) + " " + done());
        return ExitCodes.OK;
    }

    private <T extends ApiObject> void change(Context ctx, Kind<T> kind, MetadataChanges parsed) {
        Writes.update(ctx.client(kind), ObjectNames.namespaceFor(kind, ctx.namespace()), name, resourceVersion,
                o -> kind.cast(o.withMetadata(parsed.applyTo(o.metadata(), overwrite))));
    }
}
