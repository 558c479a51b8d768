package dev.jk8s.apiserver.auth;

/**
 * What the API service checks and records around every call: authorization ({@link Access}),
 * the audit log, RBAC escalation prevention on writes of roles and bindings, and where node
 * credentials come from. {@link #none()} is a server without authentication (in-process tests):
 * everything allowed, nothing recorded, no node credentials. Immutable.
 *
 * @param escalation null: no escalation check
 * @param credentials null: node credentials are not issued
 */
public record Security(Access access, AuditLog audit, RbacEscalation escalation, NodeCredentials credentials) {

    public static Security none() {
        return new Security(Access.allowAll(), AuditLog.none(), null, null);
    }
}
