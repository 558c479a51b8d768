package dev.jk8s.api;

/** Points from a dependent to the object that owns it, for garbage collection and adoption. */
public record OwnerReference(
        String apiVersion, String kind, String name, String uid, Boolean controller, Boolean blockOwnerDeletion) {

    /** The controller reference a controller stamps on the objects it creates. */
    public static OwnerReference controllerOf(ApiObject owner) {
        return new OwnerReference(owner.apiVersion(), owner.kind(), owner.metadata().name(),
                owner.metadata().uid(), true, true);
    }

    public boolean isController() {
        return Boolean.TRUE.equals(controller);
    }
}
