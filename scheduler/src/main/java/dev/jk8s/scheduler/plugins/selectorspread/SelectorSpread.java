package dev.jk8s.scheduler.plugins.selectorspread;

import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.core.Pod;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.NodeScores;
import dev.jk8s.scheduler.framework.ScorePlugin;
import dev.jk8s.scheduler.framework.Snapshot;
import java.util.Objects;
import java.util.Optional;

/**
 * Spreads the pods of one controller (same namespace, same controller ownerReference) across
 * nodes: a node with fewer of them scores higher (reverse-scaled by the most loaded node). A pod
 * without a controller scores the same everywhere. Kubernetes' SelectorSpread, by owner instead of
 * by the owners' selectors, and without zones.
 */
public final class SelectorSpread implements ScorePlugin {

    public static final String NAME = "SelectorSpread";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(Pod pod, NodeInfo node, Snapshot snapshot) {
        Optional<OwnerReference> owner = controller(pod);
        if (owner.isEmpty()) {
            return 0;
        }
        return node.pods().stream()
                .filter(p -> Objects.equals(p.metadata().namespace(), pod.metadata().namespace()))
                .filter(p -> p.metadata().deletionTimestamp() == null)
                .filter(p -> controller(p).filter(o -> sameOwner(o, owner.get())).isPresent())
                .count();
    }

    @Override
    public long[] normalize(long[] scores) {
        return NodeScores.byMax(scores, true);
    }

    private static Optional<OwnerReference> controller(Pod pod) {
        for (OwnerReference o : pod.metadata().ownerReferences()) { // a loop: asked per node and pod
            if (o.isController()) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    private static boolean sameOwner(OwnerReference a, OwnerReference b) {
        return a.uid() != null && b.uid() != null ? a.uid().equals(b.uid())
                : Objects.equals(a.kind(), b.kind()) && Objects.equals(a.name(), b.name());
    }
}
