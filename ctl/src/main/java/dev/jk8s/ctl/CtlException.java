package dev.jk8s.ctl;

/**
 * A failure of jctl itself that the user can fix (a missing file, a refused overwrite): printed
 * as {@code error: <message>} with exit status 1, never with a stack trace unless {@code -v}.
 * Errors from the apiserver stay {@link dev.jk8s.api.ApiException}s.
 */
public final class CtlException extends RuntimeException {

    public CtlException(String message) {
        super(message);
    }

    public CtlException(String message, Throwable cause) {
        super(message, cause);
    }
}
