package dev.jk8s.client;

/**
 * What to watch: selectors, the resourceVersion after which events are wanted (0: from now),
 * and whether current objects come first as ADDED. Immutable.
 */
public record WatchOptions(String labelSelector, String fieldSelector, long resourceVersion, boolean sendInitialEvents) {

    public static final WatchOptions DEFAULT = new WatchOptions("", "", 0, false);

    public static WatchOptions from(ListOptions list, long resourceVersion) {
        return new WatchOptions(list.labelSelector(), list.fieldSelector(), resourceVersion, false);
    }

    public WatchOptions withResourceVersion(long rv) {
        return new WatchOptions(labelSelector, fieldSelector, rv, sendInitialEvents);
    }

    public WatchOptions withLabelSelector(String s) {
        return new WatchOptions(s == null ? "" : s, fieldSelector, resourceVersion, sendInitialEvents);
    }

    public WatchOptions withFieldSelector(String s) {
        return new WatchOptions(labelSelector, s == null ? "" : s, resourceVersion, sendInitialEvents);
    }

    public WatchOptions withInitialEvents(boolean b) {
        return new WatchOptions(labelSelector, fieldSelector, resourceVersion, b);
    }
}
