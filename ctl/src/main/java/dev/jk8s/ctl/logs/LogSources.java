package dev.jk8s.ctl.logs;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.Selector;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.client.ListOptions;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ObjectNames;
import java.util.Comparator;
import java.util.List;

/**
 * Which pod a {@code logs} target names: {@code NAME} or {@code pod/NAME} is that pod; for
 * {@code deployment/NAME}, {@code replicaset/NAME} and {@code replicationcontroller/NAME}, one of
 * the pods their selector matches
 * (the oldest, as kubectl picks), announced on stderr when there are several.
 */
final class LogSources {

    private final Context ctx;

    LogSources(Context ctx) {
        this.ctx = ctx;
    }

    Pod pod(String target) {
        int slash = target.indexOf('/');
        if (slash < 0) {
            return ctx.client(Kinds.POD).get(ctx.namespace(), target);
        }
        Kind<?> kind = LogsCommand.logKind(target.substring(0, slash));
        String name = target.substring(slash + 1);
        if (kind == Kinds.POD) {
            return ctx.client(Kinds.POD).get(ctx.namespace(), name);
        }
        return podOf(ObjectNames.ref(kind, name), selector(ctx.client(kind).get(ctx.namespace(), name)));
    }

    private static LabelSelector selector(ApiObject owner) {
        if (owner instanceof ReplicationController rc) {
            return LabelSelector.of(rc.spec().selector()); // a plain map: every label must match
        }
        return owner instanceof Deployment d ? d.spec().selector() : ((ReplicaSet) owner).spec().selector();
    }

    private Pod podOf(String ref, LabelSelector selector) {
        List<Pod> pods = ctx.client(Kinds.POD)
                .list(ctx.namespace(), ListOptions.labels(Selector.from(selector).toString())).items();
        Pod oldest = pods.stream().min(Comparator.comparing((Pod p) -> p.metadata().creationTimestamp(),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(p -> p.metadata().name()))
                .orElseThrow(() -> new CtlException(ref + " has no pods yet; see `jctl describe " + ref.replace('/', ' ') + "`"));
        if (pods.size() > 1) {
            ctx.err().println("Found " + pods.size() + " pods, using pod/" + oldest.metadata().name());
        }
        return oldest;
    }
}
