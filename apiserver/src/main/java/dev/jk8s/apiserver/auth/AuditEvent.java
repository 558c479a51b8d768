package dev.jk8s.apiserver.auth;

/**
 * One line of the audit log: when (RFC 3339, UTC), who, what ({@code verb}, {@code resource} as
 * {@code pods} or {@code pods/status}, {@code namespace}, {@code name}; empty when the request
 * has none) and the result ({@code OK} or the error's reason, e.g. {@code Forbidden},
 * {@code Unauthorized}). Never holds a token or an object's content. Immutable.
 */
public record AuditEvent(String time, String user, String verb, String resource, String namespace, String name,
                         String result) {

    public AuditEvent {
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }
}
