package dev.jk8s.ctl.label;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.ObjectNames;
import dev.jk8s.ctl.Writes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl label KIND NAME KEY=VALUE... KEY-...}: changes an object's labels, as
 * {@code annotate} changes annotations. Malformed keys and values are refused by the apiserver,
 * whose message names them. With {@code --resource-version} the write is a compare-and-swap on it.
 */
@Command(name = "label", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Set or remove labels of an object.",
        footer = {"", "Examples:", "  jctl label pod web-1 tier=frontend", "  jctl label pod web-1 tier=backend --overwrite",
                "  jctl label pod web-1 tier-", "  jctl label node n1 disk=ssd --resource-version 42"})
public final class LabelCommand extends CtlCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "The kind: plural, singular or short name.")
    String kindName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The object's name.")
    String name;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "KEY=VALUE|KEY-",
            description = "KEY=VALUE sets a label, KEY- removes one.")
    List<String> changes = new ArrayList<>();

    @Option(names = "--overwrite", description = "Allow replacing the value of a label that is already set.")
    boolean overwrite;

    @Option(names = "--resource-version", paramLabel = "RV",
            description = "Change the object only if it is still at this resourceVersion; otherwise fail with Conflict.")
    String resourceVersion;

    @Override
    protected int run(Context ctx) {
        LabelChanges parsed;
        try {
            parsed = LabelChanges.parse(changes);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Writes.resourceVersionError(resourceVersion).ifPresent(message -> {
            throw usage(message);
        });
        Kind<?> kind = ObjectNames.kind(kindName);
        label(ctx, kind, parsed);
        ctx.out().println(ObjectNames.ref(kind, name) + " labeled");
        return ExitCodes.OK;
    }

    private <T extends ApiObject> void label(Context ctx, Kind<T> kind, LabelChanges parsed) {
        Writes.update(ctx.client(kind), ObjectNames.namespaceFor(kind, ctx.namespace()), name, resourceVersion,
                o -> kind.cast(o.withMetadata(o.metadata().withLabels(parsed.applyTo(o.metadata().labels(), overwrite)))));
    }
}
