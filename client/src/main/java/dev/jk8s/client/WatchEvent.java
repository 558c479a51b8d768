package dev.jk8s.client;

/** One change seen by a watch. For DELETED, the object's last state; for BOOKMARK, no object. */
public record WatchEvent<T>(Type type, T object, long resourceVersion) {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK }
}
