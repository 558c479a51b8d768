package dev.jk8s.api;

/**
 * An API object: a Kubernetes-style value with {@code apiVersion}, {@code kind} and
 * {@link ObjectMeta metadata}, usually a spec and a status.
 *
 * <p>Implementations are immutable records: a shared informer cache hands the same instance
 * to every reader, so a change is always a new value made with a {@code withX(..)} method.
 * Collections inside them are never null and never modifiable.
 */
public interface ApiObject {

    String apiVersion();

    String kind();

    ObjectMeta metadata();

    /** Returns a copy with other metadata; everything else is shared. */
    ApiObject withMetadata(ObjectMeta metadata);
}
