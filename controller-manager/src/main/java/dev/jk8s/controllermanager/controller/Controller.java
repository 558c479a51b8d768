package dev.jk8s.controllermanager.controller;

/**
 * One named controller of the controller-manager. It registers its informer handlers when it is
 * created; {@link #start} begins its workers (the caches have synced by then, and this process
 * leads), {@link #stop} ends them. Both are idempotent.
 */
public interface Controller {

    /** The name {@code --controllers} selects it by, e.g. {@code replicaset}. */
    String name();

    void start();

    void stop();

    /** Makes a controller from the shared context; called once per process. */
    @FunctionalInterface
    interface Factory {
        Controller create(ControllerContext context);
    }
}
