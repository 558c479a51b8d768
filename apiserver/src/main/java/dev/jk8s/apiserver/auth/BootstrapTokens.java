package dev.jk8s.apiserver.auth;

import dev.jk8s.api.auth.BootstrapToken;
import dev.jk8s.api.core.Secret;
import dev.jk8s.apiserver.registry.KindStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates {@link BootstrapToken}s: valid until their expiration while their Secret exists.
 * The user is {@code system:bootstrap:<id>} in group {@value BootstrapToken#GROUP}, which the
 * default policy lets only ask for a node credential. Reads the Secrets cache on every call;
 * thread-safe.
 */
public final class BootstrapTokens implements Authenticator {

    private final KindStore<Secret> secrets;
    private final Clock clock;

    public BootstrapTokens(KindStore<Secret> secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Optional<UserInfo> authenticate(String token) {
        return BootstrapToken.parse(token).flatMap(parts -> secrets.cached(BootstrapToken.NAMESPACE, BootstrapToken.NAME_PREFIX + parts[0])
                .filter(s -> s.metadata().deletionTimestamp() == null)
                .flatMap(BootstrapToken::of)
                .filter(t -> t.id().equals(parts[0]) && t.accepts(parts[1], clock.instant()))
                .map(t -> new UserInfo("system:bootstrap:" + t.id(), "", List.of(BootstrapToken.GROUP))));
    }
}
