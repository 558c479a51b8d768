package dev.jk8s.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception of the API: a {@link Reason}, a message that names the object and says
 * what to do, and, for {@link Reason#INVALID}, every failing field.
 *
 * <p>The apiserver throws it, the wire carries it intact (see {@code dev.jk8s.api.wire.WireErrors}),
 * the client rethrows it, and jctl prints its message. The factories below phrase the messages,
 * so that the same failure reads the same everywhere.
 */
public final class ApiException extends RuntimeException {

    private final Reason reason;
    private final String resource;
    private final String name;
    private final List<FieldError> causes;

    public ApiException(Reason reason, String resource, String name, String message, List<FieldError> causes) {
        super(message);
        this.reason = reason;
        this.resource = resource == null ? "" : resource;
        this.name = name == null ? "" : name;
        this.causes = List.copyOf(causes);
    }

    public static ApiException of(Reason reason, String message) {
        return new ApiException(reason, "", "", message, List.of());
    }

    public static ApiException notFound(String resource, String name) {
        return new ApiException(Reason.NOT_FOUND, resource, name,
                resource + " \"" + name + "\" not found", List.of());
    }

    public static ApiException alreadyExists(String resource, String name) {
        return new ApiException(Reason.ALREADY_EXISTS, resource, name,
                resource + " \"" + name + "\" already exists; choose another name or update the existing object",
                List.of());
    }

    public static ApiException conflict(String resource, String name) {
        return new ApiException(Reason.CONFLICT, resource, name,
                "Operation cannot be fulfilled on " + resource + " \"" + name
                        + "\": the object has been modified; please apply your changes to the latest version and try again",
                List.of());
    }

    public static ApiException invalid(String resource, String name, List<FieldError> causes) {
        String list = causes.stream().map(FieldError::toString).collect(Collectors.joining(", "));
        String shown = causes.size() == 1 ? list : "[" + list + "]";
        return new ApiException(Reason.INVALID, resource, name,
                resource + " \"" + name + "\" is invalid: " + shown, causes);
    }

    public static ApiException badRequest(String message) {
        return of(Reason.BAD_REQUEST, message);
    }

    public static ApiException unavailable(String message) {
        return of(Reason.UNAVAILABLE, message);
    }

    public static ApiException expired(String message) {
        return of(Reason.EXPIRED, message);
    }

    public static ApiException tooLarge(String resource, String name, long size, long limit) {
        return new ApiException(Reason.TOO_LARGE, resource, name,
                resource + " \"" + name + "\" is too large: " + size + " bytes exceeds the limit of " + limit
                        + " bytes; move bulky data out of the object", List.of());
    }

    public Reason reason() {
        return reason;
    }

    /** The lowercase plural resource the error is about, or empty. */
    public String resource() {
        return resource;
    }

    /** The object's name, or empty. */
    public String name() {
        return name;
    }

    public List<FieldError> causes() {
        return causes;
    }

    public boolean is(Reason r) {
        return reason == r;
    }

    public static boolean isNotFound(Throwable t) {
        return t instanceof ApiException e && e.reason == Reason.NOT_FOUND;
    }

    public static boolean isConflict(Throwable t) {
        return t instanceof ApiException e && e.reason == Reason.CONFLICT;
    }

    public static boolean isAlreadyExists(Throwable t) {
        return t instanceof ApiException e && e.reason == Reason.ALREADY_EXISTS;
    }
}
