package dev.jk8s.api.apps;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * What the Deployment controller last observed, as of {@code observedGeneration}: pod counts and
 * the Available and Progressing conditions. Written only through the status path.
 * {@code conditions} is never null.
 */
public record DeploymentStatus(Long observedGeneration, Integer replicas, Integer updatedReplicas,
                               Integer readyReplicas, Integer availableReplicas, Integer unavailableReplicas,
                               List<Condition> conditions, Integer collisionCount) {

    public static final DeploymentStatus EMPTY = new DeploymentStatus(null, null, null, null, null, null, null, null);

    public DeploymentStatus {
        conditions = Values.list(conditions);
    }
}
