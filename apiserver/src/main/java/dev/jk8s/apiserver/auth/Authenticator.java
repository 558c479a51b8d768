package dev.jk8s.apiserver.auth;

import java.util.List;
import java.util.Optional;

/**
 * Turns a bearer token into the user it belongs to. Implementations never log or echo the
 * token, and answer from memory (they run on every request). Thread-safe.
 */
@FunctionalInterface
public interface Authenticator {

    /** The token's user, or empty when this authenticator does not know the token (or it expired). */
    Optional<UserInfo> authenticate(String token);

    /** Asks each in turn; the first that knows the token decides. */
    static Authenticator union(List<Authenticator> authenticators) {
        List<Authenticator> all = List.copyOf(authenticators);
        return token -> all.stream().map(a -> a.authenticate(token)).flatMap(Optional::stream).findFirst();
    }
}
