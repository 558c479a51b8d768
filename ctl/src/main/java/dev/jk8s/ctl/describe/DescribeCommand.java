package dev.jk8s.ctl.describe;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Event;
import dev.jk8s.client.ListOptions;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.ObjectNames;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl describe KIND NAME...}: a readable summary of each object and the events about it
 * (events of cluster-scoped objects live in {@code default}, as the event recorder puts them).
 */
@Command(name = "describe", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show an object's spec, status, conditions and events.",
        footer = {"", "Examples:", "  jctl describe pod web-1", "  jctl describe deploy web", "  jctl describe node node-1"})
public final class DescribeCommand extends CtlCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "The kind (any of its names: pods, pod, po).")
    String kindName;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME", description = "The objects' names.")
    List<String> names;

    @Override
    protected int run(Context ctx) {
        Kind<?> kind = ObjectNames.kind(kindName);
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                ctx.out().println();
            }
            ctx.out().print(describe(ctx, kind, names.get(i)));
        }
        return ExitCodes.OK;
    }

    private static <T extends ApiObject> String describe(Context ctx, Kind<T> kind, String name) {
        T object = ctx.client(kind).get(ctx.namespace(), name);
        String eventNamespace = kind.namespaced() ? object.metadata().namespace() : "default";
        List<Event> events = ctx.client(Kinds.EVENT).list(eventNamespace, ListOptions.fields(
                "involvedObject.kind=" + kind.kind() + ",involvedObject.name=" + name)).items();
        return Describer.describe(object, events, ctx.clock().instant());
    }
}
