package dev.jk8s.ctl.node;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.Durations;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.KindClient;
import dev.jk8s.ctl.ObjectWaiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl drain NODE}: cordons the node, then evicts its pods and waits until they are gone,
 * as {@code kubectl drain} does. jk8s has no PodDisruptionBudgets, so an eviction is a graceful
 * delete: the pod's kubelet stops it within its grace period, and its controller recreates it
 * elsewhere. The node stays cordoned afterwards (undo with {@code uncordon}), also when the drain
 * is refused or times out.
 */
@Command(name = "drain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Cordon a node and evict its pods, for maintenance.",
        footer = {"", "Examples:", "  jctl drain node-1", "  jctl drain node-1 --force --grace-period 5 --timeout 2m"})
public final class DrainCommand extends CtlCommand {

    @Parameters(index = "0", paramLabel = "NODE", description = "The node's name.")
    String name;

    @Option(names = "--force", description = "Also delete pods that no controller manages (they are not recreated).")
    boolean force;

    @Option(names = "--delete-emptydir-data", description = "Also delete pods with emptyDir volumes (their data is lost).")
    boolean deleteEmptyDirData;

    @Option(names = "--grace-period", paramLabel = "SECONDS", defaultValue = "-1",
            description = "Seconds each pod gets to stop; -1 (the default) uses the pod's own terminationGracePeriodSeconds.")
    long gracePeriod;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "0s", converter = Durations.Converter.class,
            description = "Give up waiting for the pods to go after this long; 0s (the default) waits as long as it takes.")
    Duration timeout;

    @Option(names = "--pod-selector", paramLabel = "SELECTOR", defaultValue = "",
            description = "Only evict the pods with these labels.")
    String podSelector;

    @Override
    protected int run(Context ctx) {
        if (gracePeriod < -1) {
            throw usage("--grace-period must be -1 (the pod's own) or more, not " + gracePeriod);
        }
        ctx.out().println(Cordon.set(ctx, name, true));
        KindClient<Pod> pods = ctx.client(Kinds.POD);
        DrainPlan plan = DrainPlan.of(podsOnNode(pods), force, deleteEmptyDirData);
        if (!plan.refusals().isEmpty()) {
            throw new CtlException("cannot drain node \"" + name + "\": " + String.join("; ", plan.refusals()));
        }
        plan.warnings().forEach(w -> ctx.err().println("Warning: " + w));
        List<Pod> evicted = evict(ctx, pods, plan.evict());
        awaitGone(ctx, pods, evicted);
        ctx.out().println("node/" + name + " drained");
        return ExitCodes.OK;
    }

    private List<Pod> podsOnNode(KindClient<Pod> pods) {
        return pods.list(null, ListOptions.fields("spec.nodeName=" + name).withLabelSelector(podSelector)).items();
    }

    /** Deletes every pod first (so they stop in parallel); returns what each deletion returned. */
    private List<Pod> evict(Context ctx, KindClient<Pod> pods, List<Pod> toEvict) {
        DeleteOptions options = DeleteOptions.DEFAULT.withGracePeriod(gracePeriod >= 0 ? gracePeriod : null);
        List<Pod> evicted = new ArrayList<>();
        for (Pod p : toEvict) {
            ctx.out().println("evicting pod " + p.metadata().namespace() + "/" + p.metadata().name());
            try {
                evicted.add(pods.delete(p.metadata().namespace(), p.metadata().name(),
                        options.withPreconditions(p.metadata().uid(), 0)));
            } catch (ApiException e) {
                if (!e.is(Reason.NOT_FOUND)) {
                    throw e;
                }
            }
        }
        return evicted;
    }

    /**
     * Waits, within one deadline for all, until each evicted pod is gone (or replaced by another of
     * that name). A pod the deletion did not leave terminating is gone already.
     */
    private void awaitGone(Context ctx, KindClient<Pod> pods, List<Pod> evicted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Pod p : evicted) {
            Duration left = timeout.isZero() ? Duration.ZERO : Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            String uid = p.metadata().uid();
            if (p.metadata().isTerminating() && !ObjectWaiter.await(pods, p, left, s -> s.isEmpty() || !uid.equals(s.get().metadata().uid()))) {
                throw new CtlException("timed out after " + Durations.format(timeout) + " waiting for pod "
                        + p.metadata().namespace() + "/" + p.metadata().name() + " to go; node \"" + name
                        + "\" stays cordoned. Is its kubelet running? Raise --timeout, or lower --grace-period");
            }
            ctx.out().println("pod/" + p.metadata().name() + " evicted");
        }
    }
}
