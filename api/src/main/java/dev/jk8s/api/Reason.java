package dev.jk8s.api;

/** Why an API call failed; the one error model shared by the apiserver, the client and jctl. */
public enum Reason {
    NOT_FOUND("NotFound"),
    ALREADY_EXISTS("AlreadyExists"),
    CONFLICT("Conflict"),
    INVALID("Invalid"),
    BAD_REQUEST("BadRequest"),
    UNAUTHORIZED("Unauthorized"),
    FORBIDDEN("Forbidden"),
    UNAVAILABLE("Unavailable"),
    /** A watch or continue token refers to a revision etcd has compacted away (Kubernetes' 410 Gone). */
    EXPIRED("Expired"),
    TOO_LARGE("TooLarge"),
    TIMEOUT("Timeout"),
    INTERNAL("InternalError");

    private final String wireName;

    Reason(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in messages, as Kubernetes spells it. */
    public String wireName() {
        return wireName;
    }

    public static Reason fromWireName(String name) {
        for (Reason r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        return INTERNAL;
    }
}
