package dev.jk8s.api;

/**
 * Points at any object, possibly at a field inside it ({@code fieldPath: spec.containers{web}}):
 * what an Event is about, which pod an endpoint address belongs to, a ServiceAccount's secrets.
 * Every field is optional; which ones matter depends on the user of the reference.
 */
public record ObjectReference(String kind, String namespace, String name, String uid,
                              String apiVersion, String resourceVersion, String fieldPath) {

    /** A reference to the whole object, as of its current resourceVersion. */
    public static ObjectReference of(ApiObject object) {
        ObjectMeta m = object.metadata();
        return new ObjectReference(object.kind(), m.namespace(), m.name(), m.uid(),
                object.apiVersion(), m.resourceVersion(), null);
    }

    public ObjectReference withFieldPath(String fieldPath) {
        return new ObjectReference(kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath);
    }
}
