package dev.jk8s.apiserver.auth;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Reason;
import java.util.List;
import java.util.Optional;

/**
 * The authorization gate every API call passes before it touches the registry: builds the
 * request's {@link Attributes} from the call's user ({@link AuthInterceptor#USER}) and asks the
 * authorizer. A denial is Forbidden with Kubernetes' message, e.g.
 * {@code secrets is forbidden: User "system:serviceaccount:a:default" cannot list resource
 * "secrets" in API group "" in the namespace "b"}. Thread-safe.
 */
public final class Access {

    /** The user of calls to a server that runs without authentication (in-process tests only). */
    public static final UserInfo UNSECURED = new UserInfo("system:unsecured", "", List.of(UserInfo.MASTERS));

    private final Authorizer authorizer;

    public Access(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** No authorization: every call is allowed (a server without authentication, in-process tests). */
    public static Access allowAll() {
        return new Access(request -> Decision.allow(""));
    }

    /** The current call's user: the authenticated one, or {@link #UNSECURED} on a server without authentication. */
    public static UserInfo currentUser() {
        return Optional.ofNullable(AuthInterceptor.USER.get()).orElse(UNSECURED);
    }

    /**
     * Allows the request or throws Forbidden.
     *
     * @param namespace null for cluster-scoped kinds and lists across namespaces
     * @param name      null for list, watch and create
     * @param object    the object sent with a create or update, else null
     */
    public void check(String verb, Kind<?> kind, String subresource, String namespace, String name, ApiObject object) {
        check(new Attributes(currentUser(), verb, kind.group(), kind.resource(), subresource,
                kind.namespaced() ? namespace : null, name, object));
    }

    public void check(Attributes request) {
        Decision d = authorizer.authorize(request);
        if (!d.allowed()) {
            throw forbidden(request, d.reason());
        }
    }

    /** Whether the request would be allowed, and why not (for {@code jctl auth can-i}). */
    public Decision review(Attributes request) {
        return authorizer.authorize(request);
    }

    /** Kubernetes' Forbidden: the resource (and name), the user, the verb, the resource, group and scope, the reason. */
    static ApiException forbidden(Attributes a, String reason) {
        String what = a.apiGroup().isEmpty() ? a.resource() : a.resource() + "." + a.apiGroup();
        String subject = a.name() == null || a.name().isEmpty() ? what : what + " \"" + a.name() + "\"";
        String scope = a.namespace() == null ? "at the cluster scope" : "in the namespace \"" + a.namespace() + "\"";
        String message = subject + " is forbidden: User \"" + a.user().name() + "\" cannot " + a.verb() + " resource \""
                + a.qualifiedResource() + "\" in API group \"" + a.apiGroup() + "\" " + scope
                + (reason == null || reason.isEmpty() ? "" : ": " + reason);
        return new ApiException(Reason.FORBIDDEN, a.resource(), a.name() == null ? "" : a.name(), message, List.of());
    }
}
