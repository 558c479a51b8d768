package dev.jk8s.api.apps;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * What the ReplicaSet controller last counted, as of {@code observedGeneration}. Written only
 * through the status path. {@code conditions} is never null.
 */
public record ReplicaSetStatus(Integer replicas, Integer fullyLabeledReplicas, Integer readyReplicas,
                               Integer availableReplicas, Long observedGeneration, List<Condition> conditions) {

    public static final ReplicaSetStatus EMPTY = new ReplicaSetStatus(null, null, null, null, null, null);

    public ReplicaSetStatus {
        conditions = Values.list(conditions);
    }
}
