package dev.jk8s.kubelet.node;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.coordination.LeaseSpec;
import dev.jk8s.client.leaderelection.LeaderElector;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The node's heartbeat Lease, {@code kube-node-lease/<node>}, as a pure function of the Lease as
 * read. The rules are leader election's ({@link LeaderElector#decide}), except that a node's
 * lease belongs to its kubelet: another holder is overruled, as if it had released it.
 */
final class NodeLeases {

    static final String NAMESPACE = "kube-node-lease";

    private NodeLeases() {
    }

    /**
     * The Lease to write at {@code now}: {@code current} (null: absent, to be created) held by
     * the node and renewed, owned by the Node with {@code nodeUid} when known (so deleting the
     * Node may collect it), with the resourceVersion read, so the write is a compare-and-swap.
     */
    static Lease renewed(Lease current, String node, String nodeUid, Instant now, int durationSeconds) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS); // Kubernetes' MicroTime
        LeaderElector.Decision d = LeaderElector.decide(current, node, at, durationSeconds);
        if (d.action() == LeaderElector.Action.WAIT) {
            Lease released = current.withSpec(LeaderElector.released(current.spec(), at));
            d = LeaderElector.decide(released, node, at, durationSeconds);
        }
        ObjectMeta meta = current == null ? ObjectMeta.named(NAMESPACE, node) : current.metadata();
        return new Lease(meta.toBuilder().ownerReferences(owners(meta, node, nodeUid)).build(), d.spec());
    }

    private static List<OwnerReference> owners(ObjectMeta meta, String node, String nodeUid) {
        if (nodeUid == null) {
            return meta.ownerReferences();
        }
        return List.of(new OwnerReference("v1", "Node", node, nodeUid, null, null));
    }
}
