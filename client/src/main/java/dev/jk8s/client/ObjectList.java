package dev.jk8s.client;

import java.util.List;

/** A list's items and the resourceVersion (etcd revision) they were read at; a watch from it misses nothing. */
public record ObjectList<T>(List<T> items, long resourceVersion, String continueToken) {

    public ObjectList {
        items = List.copyOf(items);
    }
}
