package dev.jk8s.ctl.delete;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.Selector;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.Durations;
import dev.jk8s.ctl.ErrorReporter;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.ObjectNames;
import dev.jk8s.ctl.apply.Manifest;
import dev.jk8s.ctl.apply.ManifestReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl delete}: deletes the objects of manifests ({@code -f}), or of one kind by name, by
 * label selector or all of them. One failure does not stop the others; they are listed at the
 * end with exit status 1. With {@code --wait} (the default) it returns once each object is gone,
 * not only marked for deletion.
 */
@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Delete objects by manifest, by name, by label selector, or all of one kind.",
        footer = {"", "Examples:", "  jctl delete -f examples/configmap.yaml", "  jctl delete configmap app-config",
                "  jctl delete cm -l app=web", "  jctl delete configmaps --all --cascade=orphan"})
public final class DeleteCommand extends CtlCommand {

    @Parameters(paramLabel = "KIND [NAME...]", arity = "0..*", description = "The kind, then the names of the objects.")
    List<String> args = new ArrayList<>();

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-", description = "Delete the objects of these manifests. Repeatable.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-R", "--recursive"}, description = "Also read the subdirectories of directories given with -f.")
    boolean recursive;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Delete the objects of KIND with these labels.")
    String selector;

    @Option(names = "--all", description = "Delete every object of KIND in the namespace.")
    boolean all;

    @Option(names = "--grace-period", paramLabel = "SECONDS", defaultValue = "-1",
            description = "Seconds the object gets to terminate; negative: the object's own default.")
    long gracePeriod;

    @Option(names = "--cascade", paramLabel = "MODE", defaultValue = "background", converter = Cascade.Converter.class,
            description = "background (default), foreground or orphan: what happens to dependents.")
    Cascade cascade;

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
            description = "Wait until each object is gone, not only terminating (default: true; --no-wait or --wait=false to return at once).")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = Durations.Converter.class,
            description = "How long --wait waits for one object, e.g. 30s, 5m; 0: no limit (default: 5m).")
    Duration timeout;

    @Option(names = "--ignore-not-found", description = "Treat objects that do not exist as deleted.")
    boolean ignoreNotFound;

    /** One object to delete. */
    private record Target(Kind<?> kind, String namespace, String name, String where) {
    }

    @Override
    protected int run(Context ctx) {
        List<String> failures = new ArrayList<>();
        List<Target> targets = files.isEmpty() ? fromArgs(ctx) : fromFiles(ctx, failures);
        if (targets.isEmpty() && failures.isEmpty()) {
            ctx.err().println("No resources found");
        }
        for (Target t : targets) {
            try {
                delete(ctx, t);
            } catch (ApiException e) {
                if (ErrorReporter.isUnreachable(e)) {
                    throw e;
                }
                if (!(ignoreNotFound && e.is(Reason.NOT_FOUND))) {
                    failures.addAll(ErrorReporter.prefixed("error: " + t.where(), e));
                }
            } catch (CtlException e) {
                failures.addAll(ErrorReporter.prefixed("error: " + t.where(), e));
            }
        }
        failures.forEach(ctx.err()::println);
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private List<Target> fromFiles(Context ctx, List<String> failures) {
        if (!args.isEmpty() || selector != null || all) {
            throw usage("-f cannot be combined with a kind, names, -l or --all; use either");
        }
        List<Target> targets = new ArrayList<>();
        for (Manifest m : ManifestReader.read(files, recursive, ctx.in())) {
            if (!m.ok()) {
                failures.addAll(ErrorReporter.prefixed("error: ", m.error()));
                continue;
            }
            Kind<?> kind = Kinds.of(m.object());
            String ns = m.object().metadata().namespace();
            targets.add(new Target(kind, ObjectNames.namespaceFor(kind, ns == null ? ctx.namespace() : ns),
                    m.object().metadata().name(), m.where() + ": "));
        }
        return targets;
    }

    private List<Target> fromArgs(Context ctx) {
        if (args.isEmpty()) {
            throw usage("say what to delete: KIND NAME..., KIND -l SELECTOR, KIND --all, or -f FILE");
        }
        Kind<?> kind = ObjectNames.kind(args.get(0));
        List<String> names = args.subList(1, args.size());
        if (names.isEmpty() == (selector == null && !all)) {
            throw usage(names.isEmpty() ? "a kind was given but no names; give NAME..., -l SELECTOR or --all"
                    : "names cannot be combined with -l or --all; use either");
        }
        String namespace = ObjectNames.namespaceFor(kind, ctx.namespace());
        List<String> chosen = names.isEmpty() ? select(ctx, kind, namespace) : names;
        return chosen.stream().map(n -> new Target(kind, namespace, n, "")).toList();
    }

    private List<String> select(Context ctx, Kind<?> kind, String namespace) {
        try {
            Selector.parse(selector);
        } catch (ApiException e) {
            throw usage(e.getMessage());
        }
        ListOptions options = ListOptions.labels(selector);
        return ctx.client(kind).list(namespace, options).items().stream().map(o -> o.metadata().name()).toList();
    }

    private <T extends ApiObject> void delete(Context ctx, Target t) {
        @SuppressWarnings("unchecked")
        Kind<T> kind = (Kind<T>) t.kind();
        var client = ctx.client(kind);
        DeleteOptions options = DeleteOptions.DEFAULT.withPropagationPolicy(cascade.policy())
                .withGracePeriod(gracePeriod < 0 ? null : gracePeriod);
        T deleted = client.delete(t.namespace(), t.name(), options);
        ctx.out().println(ObjectNames.quoted(kind, t.name()) + " deleted");
        ctx.out().flush();
        if (wait) {
            DeletionWaiter.awaitGone(client, deleted, timeout);
        }
    }
}
