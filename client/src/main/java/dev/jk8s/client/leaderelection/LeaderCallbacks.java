package dev.jk8s.client.leaderelection;

/**
 * What a component does when it gains and loses the lease. Both run on the elector's thread and
 * must return promptly (start or stop worker threads, then return): while they run, the lease
 * is not renewed. Calls strictly alternate, started first; an exception is logged and ignored.
 */
public interface LeaderCallbacks {

    /** This process now holds the lease: start the work only a leader may do. */
    void onStartedLeading();

    /**
     * This process no longer holds the lease (lost it, or released it on stop): stop the leader's
     * work at once, since another process may start it {@code leaseDuration} after the last renewal.
     */
    void onStoppedLeading();
}
