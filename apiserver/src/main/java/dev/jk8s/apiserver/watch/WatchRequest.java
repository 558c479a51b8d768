package dev.jk8s.apiserver.watch;

import dev.jk8s.api.FieldSelector;
import dev.jk8s.api.Selector;

/**
 * What a client watches: a namespace (null: all), selectors, the revision after which events
 * are wanted (0: from now), and whether the current objects are sent first as ADDED.
 */
public record WatchRequest(String namespace, Selector labels, FieldSelector fields, long afterRevision,
                           boolean sendInitialEvents, boolean allowBookmarks) {
}
