package dev.jk8s.ctl.rollout;

import dev.jk8s.api.Condition;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentStatus;

/**
 * How far a Deployment's rollout has come, read from what the Deployment controller last
 * observed, in kubectl's words. Pure; immutable.
 *
 * @param message what to print (one line)
 * @param state   whether to keep waiting, or the rollout is complete, or it failed
 */
public record RolloutProgress(String message, State state) {

    /** The reason the controller gives Progressing=False when progressDeadlineSeconds passed. */
    static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    public enum State { WAITING, COMPLETE, FAILED }

    /** The progress of this state of the deployment. */
    public static RolloutProgress of(Deployment d) {
        String name = d.metadata().name();
        DeploymentStatus s = d.status();
        long generation = d.metadata().generation() == null ? 0 : d.metadata().generation();
        if (s.observedGeneration() == null || s.observedGeneration() < generation) {
            return waiting("Waiting for deployment spec update to be observed...");
        }
        if (Condition.find(s.conditions(), "Progressing").filter(c -> DEADLINE_EXCEEDED.equals(c.reason())).isPresent()) {
            return new RolloutProgress("deployment \"" + name + "\" exceeded its progress deadline", State.FAILED);
        }
        int desired = d.spec().replicas() == null ? 1 : d.spec().replicas();
        int updated = n(s.updatedReplicas());
        if (updated < desired) {
            return waiting(prefix(name) + updated + " out of " + desired + " new replicas have been updated...");
        }
        if (n(s.replicas()) > updated) {
            return waiting(prefix(name) + (n(s.replicas()) - updated) + " old replicas are pending termination...");
        }
        if (n(s.availableReplicas()) < updated) {
            return waiting(prefix(name) + n(s.availableReplicas()) + " of " + updated + " updated replicas are available...");
        }
        return new RolloutProgress("deployment \"" + name + "\" successfully rolled out", State.COMPLETE);
    }

    private static RolloutProgress waiting(String message) {
        return new RolloutProgress(message, State.WAITING);
    }

    private static String prefix(String name) {
        return "Waiting for deployment \"" + name + "\" rollout to finish: ";
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
