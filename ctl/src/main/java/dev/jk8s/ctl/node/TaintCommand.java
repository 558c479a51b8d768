package dev.jk8s.ctl.node;

import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.ObjectNames;
import dev.jk8s.ctl.Writes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl taint node NAME KEY[=VALUE]:EFFECT... KEY[:EFFECT]-...}: adds and removes a node's
 * taints ({@link TaintChanges}), with a compare-and-swap write that re-reads on Conflict unless
 * {@code --resource-version} pins the version.
 */
@Command(name = "taint", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Add or remove taints of a node.",
        footer = {"", "Effects: NoSchedule, PreferNoSchedule, NoExecute.", "", "Examples:",
                "  jctl taint node n1 dedicated=gpu:NoSchedule", "  jctl taint node n1 dedicated=ml:NoSchedule --overwrite",
                "  jctl taint node n1 dedicated:NoSchedule-", "  jctl taint node n1 dedicated-"})
public final class TaintCommand extends CtlCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "node (or nodes, no): only nodes have taints.")
    String kindName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The node's name.")
    String name;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "KEY[=VALUE]:EFFECT|KEY[:EFFECT]-",
            description = "KEY=VALUE:EFFECT (or KEY:EFFECT) adds a taint; KEY:EFFECT- removes one, KEY- all with that key.")
    List<String> changes = new ArrayList<>();

    @Option(names = "--overwrite", description = "Allow replacing a taint with the same key and effect.")
    boolean overwrite;

    @Option(names = "--resource-version", paramLabel = "RV",
            description = "Change the node only if it is still at this resourceVersion; otherwise fail with Conflict.")
    String resourceVersion;

    @Override
    protected int run(Context ctx) {
        TaintChanges parsed;
        try {
            parsed = TaintChanges.parse(changes);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Writes.resourceVersionError(resourceVersion).ifPresent(message -> {
            throw usage(message);
        });
        Kind<?> kind = ObjectNames.kind(kindName);
        if (kind != Kinds.NODE) {
            throw new CtlException("cannot taint " + kind.resource() + ": only nodes can be tainted");
        }
        Writes.update(ctx.client(Kinds.NODE), null, name, resourceVersion, n -> n.withSpec(n.spec().withTaints(
                parsed.applyTo(name, n.spec().taints(), overwrite, ctx.clock().instant()))));
        ctx.out().println(ObjectNames.ref(Kinds.NODE, name) + (parsed.onlyRemoves() ? " untainted" : " tainted"));
        return ExitCodes.OK;
    }
}
