package dev.jk8s.ctl.get;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.FieldSelector;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Reason;
import dev.jk8s.api.Selector;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ObjectList;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ErrorReporter;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.KindClient;
import dev.jk8s.ctl.ObjectNames;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl get KIND [NAME...]}: shows objects by name, or lists them (optionally selected).
 * Names that do not exist are reported after the others are shown, with exit status 1. With
 * {@code -w}, then prints every change of the objects shown (see {@link WatchLoop}) until
 * interrupted or the watch is closed.
 */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show objects of one kind: by name, or all of them (in the namespace, or with -A in all).",
        footer = {"", "Examples:", "  jctl get configmaps", "  jctl get cm app-config -o yaml",
                "  jctl get configmaps -A -l app=web", "  jctl get configmaps --field-selector metadata.name=app-config",
                "  jctl get pods -o wide --show-labels", "  jctl get pods -w"})
public final class GetCommand extends CtlCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "The kind: plural, singular or short name (configmaps, configmap, cm).")
    String kindName;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME", description = "Objects to show (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "yaml, json, name or wide (default: a table; wide adds columns).")
    OutputFormat output = OutputFormat.TABLE;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Label selector: key=value, key!=value, key in (a,b), key notin (a,b), key, !key; comma-separated.")
    String labelSelector;

    @Option(names = "--field-selector", paramLabel = "SELECTOR",
            description = "Field selector: field=value or field!=value, comma-separated (e.g. metadata.name=web).")
    String fieldSelector;

    @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
    boolean allNamespaces;

    @Option(names = "--show-labels", description = "Add a LABELS column to the table.")
    boolean showLabels;

    @Option(names = {"-w", "--watch"},
            description = "After showing the objects, show every change until interrupted (Ctrl-C).")
    boolean watch;

    @Override
    protected int run(Context ctx) {
        Kind<?> kind = ObjectNames.kind(kindName);
        checkSelectors(kind);
        return show(ctx, kind);
    }

    private void checkSelectors(Kind<?> kind) {
        if (!names.isEmpty() && (labelSelector != null || fieldSelector != null)) {
            throw usage("names cannot be combined with -l or --field-selector; give either names or selectors");
        }
        try {
            Selector.parse(labelSelector);
            FieldSelector.parse(fieldSelector, kind);
        } catch (ApiException e) {
            throw usage(e.getMessage());
        }
    }

    private <T extends ApiObject> int show(Context ctx, Kind<T> kind) {
        KindClient<T> client = ctx.client(kind);
        String namespace = allNamespaces ? null : ObjectNames.namespaceFor(kind, ctx.namespace());
        List<T> found = new ArrayList<>();
        List<ApiException> missing = new ArrayList<>();
        long revision;
        if (names.isEmpty()) {
            ObjectList<T> list = client.list(namespace, listOptions());
            found.addAll(list.items());
            revision = list.resourceVersion();
        } else {
            fetch(client, ctx.namespace(), found, missing);
            revision = found.stream().mapToLong(o -> o.metadata().revision()).max().orElse(0);
        }
        ChangePrinter changes = new ChangePrinter(output, kind, tableOptions(), ctx.out(), ctx.clock());
        if (watch) {
            changes.printAll(found);
        } else if (names.isEmpty() || !found.isEmpty()) {
            boolean single = names.size() == 1;
            ctx.out().print(Printer.print(output, kind, found, single, tableOptions(), ctx.clock().instant()));
            ctx.out().flush();
        }
        if (names.isEmpty() && found.isEmpty() && output.isTable()) {
            ctx.err().println(nothingFound(kind, namespace));
        }
        missing.forEach(e -> ErrorReporter.prefixed("error: ", e).forEach(ctx.err()::println));
        if (watch && (names.isEmpty() || !found.isEmpty())) {
            watch(client, namespace, found, revision, changes);
        }
        return missing.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private <T extends ApiObject> void watch(KindClient<T> client, String namespace, List<T> found, long revision,
                                             ChangePrinter changes) {
        WatchLoop<T> loop = new WatchLoop<>(client, namespace, names.isEmpty() ? listOptions() : ListOptions.DEFAULT,
                o -> names.isEmpty() || names.contains(o.metadata().name()), changes::print);
        loop.printed(found);
        loop.run(revision);
    }

    private ListOptions listOptions() {
        return ListOptions.DEFAULT.withLabelSelector(labelSelector).withFieldSelector(fieldSelector);
    }

    private Printer.TableOptions tableOptions() {
        return new Printer.TableOptions(allNamespaces, showLabels);
    }

    private <T extends ApiObject> void fetch(KindClient<T> client, String namespace, List<T> found, List<ApiException> missing) {
        for (String name : names) {
            try {
                found.add(client.get(namespace, name));
            } catch (ApiException e) {
                if (!e.is(Reason.NOT_FOUND)) {
                    throw e;
                }
                missing.add(e);
            }
        }
    }

    private static String nothingFound(Kind<?> kind, String namespace) {
        return kind.namespaced() && namespace != null ? "No resources found in " + namespace + " namespace."
                : "No resources found";
    }
}
