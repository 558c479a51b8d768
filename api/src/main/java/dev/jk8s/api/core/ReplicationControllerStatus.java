package dev.jk8s.api.core;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * What the controller last counted, as of {@code observedGeneration}: the same fields as a
 * ReplicaSet's status. Written only through the status path. {@code conditions} is never null.
 */
public record ReplicationControllerStatus(Integer replicas, Integer fullyLabeledReplicas, Integer readyReplicas,
                                          Integer availableReplicas, Long observedGeneration,
                                          List<Condition> conditions) {

    public static final ReplicationControllerStatus EMPTY =
            new ReplicationControllerStatus(null, null, null, null, null, null);

    public ReplicationControllerStatus {
        conditions = Values.list(conditions);
    }
}
