package dev.jk8s.controllermanager.controller;

/**
 * One named controller of the controller-manager. It registers its informer handlers when it is
 * created; {@link #start} begins the workers of its {@link #loop} (the caches have synced by then,
 * and this process leads), {@link #stop} ends them. Both are idempotent.
 */
public interface Controller {

    /** The loop that does the controller's work; its name is the controller's. */
    ReconcileLoop loop();

    /** The name {@code --controllers} selects it by, e.g. {@code replicaset}. */
    default String name() {
        return loop().name();
    }

    default void start() {
        loop().start();
    }

    default void stop() {
        loop().stop();
    }

    /** Makes a controller from the shared context; called once per process. */
    @FunctionalInterface
    interface Factory {
        Controller create(ControllerContext context);
    }
}
