package dev.jk8s.client;

/** What to list: selectors in kubectl's syntax (empty: all) and a page size (0: the server's). Immutable. */
public record ListOptions(String labelSelector, String fieldSelector, int limit) {

    public static final ListOptions DEFAULT = new ListOptions("", "", 0);

    public static ListOptions labels(String selector) {
        return DEFAULT.withLabelSelector(selector);
    }

    public static ListOptions fields(String selector) {
        return DEFAULT.withFieldSelector(selector);
    }

    public ListOptions withLabelSelector(String s) {
        return new ListOptions(s == null ? "" : s, fieldSelector, limit);
    }

    public ListOptions withFieldSelector(String s) {
        return new ListOptions(labelSelector, s == null ? "" : s, limit);
    }

    public ListOptions withLimit(int l) {
        return new ListOptions(labelSelector, fieldSelector, l);
    }
}
