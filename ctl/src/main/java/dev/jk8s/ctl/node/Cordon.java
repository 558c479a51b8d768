package dev.jk8s.ctl.node;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Node;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.KindClient;
import dev.jk8s.ctl.ObjectNames;

/** Sets a node's {@code spec.unschedulable}, for cordon, uncordon and drain. */
final class Cordon {

    private Cordon() {
    }

    /**
     * Marks the node (un)schedulable unless it already is; returns what to print, as kubectl
     * words it ({@code node/n1 cordoned}, {@code node/n1 already cordoned}).
     */
    static String set(Context ctx, String name, boolean unschedulable) {
        KindClient<Node> nodes = ctx.client(Kinds.NODE);
        String ref = ObjectNames.ref(Kinds.NODE, name);
        String done = unschedulable ? "cordoned" : "uncordoned";
        if (nodes.get(null, name).spec().isUnschedulable() == unschedulable) {
            return ref + " already " + done;
        }
        nodes.guaranteedUpdate(null, name, n -> n.withSpec(n.spec().withUnschedulable(unschedulable)));
        return ref + " " + done;
    }
}
