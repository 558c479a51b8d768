package dev.jk8s.client;

/**
 * What part of a container's log to read, as {@code kubectl logs} flags say it. Immutable.
 *
 * @param container  the container; null for the pod's only container
 * @param follow     keep streaming until the container stops or the caller stops reading
 * @param tailLines  only the last N lines; null for all
 * @param previous   the previous, terminated instance of the container
 */
public record LogOptions(String container, boolean follow, Long tailLines, boolean previous) {

    public static final LogOptions DEFAULT = new LogOptions(null, false, null, false);

    public LogOptions withContainer(String value) {
        return new LogOptions(value, follow, tailLines, previous);
    }

    public LogOptions withFollow(boolean value) {
        return new LogOptions(container, value, tailLines, previous);
    }

    public LogOptions withTailLines(Long value) {
        return new LogOptions(container, follow, value, previous);
    }

    public LogOptions withPrevious(boolean value) {
        return new LogOptions(container, follow, tailLines, value);
    }
}
