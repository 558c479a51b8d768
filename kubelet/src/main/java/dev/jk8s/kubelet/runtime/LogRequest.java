package dev.jk8s.kubelet.runtime;

/**
 * Which part of a container's log to read.
 *
 * @param follow    keep streaming until the container stops or the reader cancels
 * @param tailLines only the last N lines; negative: all
 */
public record LogRequest(boolean follow, long tailLines) {

    public static final LogRequest ALL = new LogRequest(false, -1);
}
