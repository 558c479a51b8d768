package dev.jk8s.apiserver.auth;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.api.wire.WireErrors;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Authenticates every call by its {@code authorization: Bearer <token>} header before the call
 * reaches a service, and puts the user in the call's {@link Context} ({@link #USER}). A call
 * without a header, with another scheme, or with a token no authenticator knows is closed with
 * Unauthorized and no detail about which (as Kubernetes answers 401), so that a caller cannot
 * probe for tokens. Thread-safe.
 */
public final class AuthInterceptor implements ServerInterceptor {

    /** The authenticated user of the current call; absent when the server runs without authentication. */
    public static final Context.Key<UserInfo> USER = Context.key("jk8s-user");
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final Authenticator authenticator;
    private final Consumer<String> onRejected;

    /** @param onRejected told the method of every refused call (the audit log); never given the token */
    public AuthInterceptor(Authenticator authenticator, Consumer<String> onRejected) {
        this.authenticator = authenticator;
        this.onRejected = onRejected;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Optional<UserInfo> user = userOf(headers.get(AUTHORIZATION));
        if (user.isEmpty()) {
            onRejected.accept(call.getMethodDescriptor().getFullMethodName());
            StatusRuntimeException refused = WireErrors.toStatus(ApiException.of(Reason.UNAUTHORIZED, "Unauthorized"));
            call.close(refused.getStatus(), refused.getTrailers());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(USER, user.get()), call, headers, next);
    }

    private Optional<UserInfo> userOf(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? Optional.empty() : authenticator.authenticate(token);
    }
}
