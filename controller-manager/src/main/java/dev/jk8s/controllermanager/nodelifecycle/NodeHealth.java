package dev.jk8s.controllermanager.nodelifecycle;

import dev.jk8s.api.Condition;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a node's health makes of it, as Kubernetes' node lifecycle controller decides: a node
 * whose kubelet has not renewed its Lease (nor posted its status) for the grace period is
 * unreachable: Ready becomes Unknown and it gets the {@code node.kubernetes.io/unreachable}
 * taints; a node that reports Ready=False gets the {@code node.kubernetes.io/not-ready} taints;
 * a Ready node has neither. Both taints come as NoSchedule and NoExecute. Pure.
 */
record NodeHealth(boolean unreachable, List<Taint> taints, Optional<Duration> recheckIn) {

    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String NOT_READY = "node.kubernetes.io/not-ready";

    static NodeHealth of(Node node, Lease lease, Instant now, Duration grace) {
        Instant lastSeen = lastSeen(node, lease);
        boolean unreachable = lastSeen == null || !lastSeen.plus(grace).isAfter(now);
        boolean ready = Condition.find(node.status().conditions(), "Ready").map(Condition::isTrue).orElse(false);
        List<Taint> taints = new ArrayList<>(node.spec().taints().stream()
                .filter(t -> !UNREACHABLE.equals(t.key()) && !NOT_READY.equals(t.key())).toList());
        String key = unreachable ? UNREACHABLE : ready ? null : NOT_READY;
        if (key != null) {
            taints.add(kept(node, key, Taint.NO_SCHEDULE, now));
            taints.add(kept(node, key, Taint.NO_EXECUTE, now));
        }
        Optional<Duration> recheck = unreachable ? Optional.empty()
                : Optional.of(Duration.between(now, lastSeen.plus(grace)).plusMillis(100));
        return new NodeHealth(unreachable, taints, recheck);
    }

    /** The taint as the node has it (so its timeAdded stays), or a new one added now. */
    private static Taint kept(Node node, String key, String effect, Instant now) {
        return node.spec().taints().stream().filter(t -> key.equals(t.key()) && effect.equals(t.effect())).findFirst()
                .orElse(new Taint(key, null, effect, now));
    }

    /** The later of the Lease's renewal and the Ready condition's heartbeat; null if neither is known. */
    private static Instant lastSeen(Node node, Lease lease) {
        Instant renewed = lease == null ? null : lease.spec().renewTime();
        Instant heartbeat = Condition.find(node.status().conditions(), "Ready").map(Condition::lastHeartbeatTime).orElse(null);
        if (renewed == null) {
            return heartbeat;
        }
        return heartbeat == null || renewed.isAfter(heartbeat) ? renewed : heartbeat;
    }

    /** The node's status with Ready=Unknown, as Kubernetes words it, if it is not Unknown already. */
    static Optional<List<Condition>> readyUnknown(Node node, Instant now) {
        Optional<Condition> ready = Condition.find(node.status().conditions(), "Ready");
        if (ready.isPresent() && Condition.UNKNOWN.equals(ready.get().status())) {
            return Optional.empty();
        }
        List<Condition> out = new ArrayList<>(node.status().conditions().stream().filter(c -> !"Ready".equals(c.type())).toList());
        out.add(new Condition("Ready", Condition.UNKNOWN, null, ready.map(Condition::lastHeartbeatTime).orElse(null), null, now,
                "NodeStatusUnknown", "Kubelet stopped posting node status."));
        return Optional.of(out);
    }
}
