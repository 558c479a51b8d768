package dev.jk8s.controllermanager.garbagecollector;

import dev.jk8s.api.OwnerReference;
import java.util.List;

/** What became of one owner a dependent names: there, gone, or there but deleting in the foreground. */
record OwnerState(OwnerReference ref, State state) {

    enum State { PRESENT, GONE, WAITING_FOR_DEPENDENTS }

    /** What to do with a dependent, given all its owners (Kubernetes' attemptToDeleteItem). Pure. */
    enum Action { NOTHING, DELETE_BACKGROUND, DELETE_FOREGROUND, REMOVE_DANGLING_REFERENCES }

    static Action decide(List<OwnerState> owners) {
        if (owners.isEmpty()) {
            return Action.NOTHING;
        }
        if (owners.stream().allMatch(o -> o.state() == State.GONE)) {
            return Action.DELETE_BACKGROUND;
        }
        if (owners.stream().anyMatch(o -> o.state() == State.GONE)) {
            return Action.REMOVE_DANGLING_REFERENCES; // it still has an owner: it stays, without the dead references
        }
        boolean blockingAWaitingOwner = owners.stream().anyMatch(o -> o.state() == State.WAITING_FOR_DEPENDENTS
                && Boolean.TRUE.equals(o.ref().blockOwnerDeletion()));
        boolean anyOtherOwner = owners.stream().anyMatch(o -> o.state() == State.PRESENT);
        return blockingAWaitingOwner && !anyOtherOwner ? Action.DELETE_FOREGROUND : Action.NOTHING;
    }
}
