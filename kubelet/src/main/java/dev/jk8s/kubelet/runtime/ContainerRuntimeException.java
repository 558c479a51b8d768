package dev.jk8s.kubelet.runtime;

/** A runtime operation failed; the message is the engine's, fit for a pod's status or an event. */
public class ContainerRuntimeException extends RuntimeException {

    /** What the kubelet does differently depending on the failure. */
    public enum Kind {
        /** The image is not on the node (and, for a pull, could not be fetched). */
        IMAGE_NOT_FOUND,
        /** The container (or sandbox) does not exist (any more). */
        NOT_FOUND,
        /** Anything else: the engine refused or could not be reached. */
        FAILED
    }

    private final Kind kind;

    public ContainerRuntimeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ContainerRuntimeException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
