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
 * {@code jctl get KIND[,KIND...] [NAME...]} or {@code jctl get TYPE/NAME...}: shows objects by
 * name, or lists them (optionally selected), of one kind or several ({@code all}: kubectl's
 * category; see {@link Targets}). Names that do not exist are reported after the others are
 * shown, with exit status 1. With {@code -w} (one kind only), then prints every change of the
 * objects shown (see {@link WatchLoop}) until interrupted or the watch is closed.
 */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show objects of one or more kinds: by name, or all of them (in the namespace, or with -A in all).",
        footer = {"", "Examples:", "  jctl get configmaps", "  jctl get cm app-config -o yaml",
                "  jctl get configmaps -A -l app=web", "  jctl get configmaps --field-selector metadata.name=app-config",
                "  jctl get pods -o wide --show-labels", "  jctl get pods -w", "  jctl get deploy,rs,pods,svc",
                "  jctl get all", "  jctl get deploy/hello svc/hello"})
public final class GetCommand extends CtlCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "The kind: plural, singular or short name (configmaps,"
            + " configmap, cm); several comma-separated (deploy,svc); all (pods, services, deployments, replicasets,"
            + " replicationcontrollers); or TYPE/NAME, then more TYPE/NAMEs instead of NAMEs.")
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
            description = "After showing the objects (of one kind), show every change until interrupted (Ctrl-C).")
    boolean watch;

    /**
     * What one target came to.
     *
     * @param missing  the NotFound errors of names that do not exist
     * @param revision where a watch starts: the list's revision, or the newest of the objects got by name
     */
    private record Found<T extends ApiObject>(Kind<T> kind, List<T> objects, List<ApiException> missing, long revision) {
    }

    @Override
    protected int run(Context ctx) {
        Targets targets = targets();
        checkSelectors(targets);
        if (watch && targets.severalKinds()) {
            throw usage("watch is only supported on individual resources and resource collections, but "
                    + targets.targets().size() + " resource types were found; watch one kind at a time");
        }
        List<Found<?>> found = targets.targets().stream().<Found<?>>map(t -> find(ctx, t.kind(), t.names())).toList();
        if (watch) {
            return watch(ctx, targets.targets().get(0), found.get(0));
        }
        print(ctx, targets, found);
        return report(ctx, found);
    }

    private Targets targets() {
        List<String> args = new ArrayList<>();
        args.add(kindName);
        args.addAll(names);
        try {
            return Targets.parse(args);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void checkSelectors(Targets targets) {
        if (targets.byName() && (labelSelector != null || fieldSelector != null)) {
            throw usage("names cannot be combined with -l or --field-selector; give either names or selectors");
        }
        try {
            Selector.parse(labelSelector);
            targets.targets().forEach(t -> FieldSelector.parse(fieldSelector, t.kind()));
        } catch (ApiException e) {
            throw usage(e.getMessage());
        }
    }

    /** Lists the kind's objects, or gets those named, recording the names that do not exist. */
    private <T extends ApiObject> Found<T> find(Context ctx, Kind<T> kind, List<String> names) {
        KindClient<T> client = ctx.client(kind);
        if (names.isEmpty()) {
            ObjectList<T> list = client.list(namespace(ctx, kind), listOptions());
            return new Found<>(kind, list.items(), List.of(), list.resourceVersion());
        }
        List<T> objects = new ArrayList<>();
        List<ApiException> missing = new ArrayList<>();
        for (String name : names) {
            try {
                objects.add(client.get(ctx.namespace(), name));
            } catch (ApiException e) {
                if (!e.is(Reason.NOT_FOUND)) {
                    throw e;
                }
                missing.add(e);
            }
        }
        long revision = objects.stream().mapToLong(o -> o.metadata().revision()).max().orElse(0);
        return new Found<>(kind, objects, missing, revision);
    }

    /** Everything found, in one output; nothing when names were given and none exists. */
    private void print(Context ctx, Targets targets, List<Found<?>> found) {
        boolean none = found.stream().allMatch(f -> f.objects().isEmpty());
        if (!targets.byName() || !none) {
            List<Printer.Section> sections = found.stream().map(f -> new Printer.Section(f.kind(), f.objects())).toList();
            ctx.out().print(Printer.print(output, sections, targets.singleObject(),
                    tableOptions(targets.severalKinds()), ctx.clock().instant()));
            ctx.out().flush();
        }
        if (!targets.byName() && none && output.isTable()) {
            ctx.err().println(nothingFound(targets, allNamespaces ? null : ctx.namespace()));
        }
    }

    /** Prints the names that do not exist; returns the exit status. */
    private static int report(Context ctx, List<Found<?>> found) {
        List<ApiException> missing = found.stream().flatMap(f -> f.missing().stream()).toList();
        missing.forEach(e -> ErrorReporter.prefixed("error: ", e).forEach(ctx.err()::println));
        return missing.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    /** {@code -w}: the objects found, then their changes until the watch ends. */
    private <T extends ApiObject> int watch(Context ctx, Targets.Target target, Found<T> found) {
        List<String> names = target.names();
        ChangePrinter changes = new ChangePrinter(output, found.kind(), tableOptions(false), ctx.out(), ctx.clock());
        changes.printAll(found.objects());
        if (names.isEmpty() && found.objects().isEmpty() && output.isTable()) {
            ctx.err().println(nothingFound(new Targets(List.of(target)), allNamespaces ? null : ctx.namespace()));
        }
        int status = report(ctx, List.of(found));
        if (names.isEmpty() || !found.objects().isEmpty()) {
            WatchLoop<T> loop = new WatchLoop<>(ctx.client(found.kind()), namespace(ctx, found.kind()),
                    names.isEmpty() ? listOptions() : ListOptions.DEFAULT,
                    o -> names.isEmpty() || names.contains(o.metadata().name()), changes::print);
            loop.printed(found.objects());
            loop.run(found.revision());
        }
        return status;
    }

    /** Where to list: the namespace, or all of them with -A; null for cluster-scoped kinds. */
    private String namespace(Context ctx, Kind<?> kind) {
        return allNamespaces ? null : ObjectNames.namespaceFor(kind, ctx.namespace());
    }

    private ListOptions listOptions() {
        return ListOptions.DEFAULT.withLabelSelector(labelSelector).withFieldSelector(fieldSelector);
    }

    private Printer.TableOptions tableOptions(boolean withKind) {
        return new Printer.TableOptions(allNamespaces, showLabels, withKind);
    }

    /** kubectl's words; "in NS namespace" only when every kind listed lives in namespaces and one was listed. */
    private static String nothingFound(Targets targets, String namespace) {
        boolean namespaced = targets.targets().stream().allMatch(t -> t.kind().namespaced());
        return namespaced && namespace != null ? "No resources found in " + namespace + " namespace."
                : "No resources found";
    }
}
