package dev.jk8s.apiserver.auth;

import dev.jk8s.api.auth.TokenHash;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.apiserver.registry.KindStore;
import java.util.List;
import java.util.Optional;

/**
 * ServiceAccount tokens: the {@code token} of a Secret of type
 * {@value Secret#SERVICE_ACCOUNT_TOKEN} (the token controller's), valid while that Secret and
 * its ServiceAccount (same uid as the Secret's annotation) exist. Both are read from the watch
 * caches on every request, with no cache of decisions, so deleting either revokes the token as
 * soon as the apiserver sees the deletion. The user is
 * {@code system:serviceaccount:<namespace>:<name>} in groups {@code system:serviceaccounts} and
 * {@code system:serviceaccounts:<namespace>}, as in Kubernetes. Thread-safe.
 */
public final class ServiceAccountTokens implements Authenticator {

    public static final String USER_PREFIX = "system:serviceaccount:";
    public static final String ALL_GROUP = "system:serviceaccounts";
    private static final String INDEX = "token-hash";

    private final KindStore<Secret> secrets;
    private final KindStore<ServiceAccount> accounts;

    public ServiceAccountTokens(KindStore<Secret> secrets, KindStore<ServiceAccount> accounts) {
        this.secrets = secrets;
        this.accounts = accounts;
        secrets.addIndex(INDEX, s -> tokenHash(s).map(List::of).orElse(List.of()));
    }

    /** The hash of a token Secret's token; empty for any other Secret. */
    static Optional<String> tokenHash(Secret s) {
        return Secret.SERVICE_ACCOUNT_TOKEN.equals(s.type())
                ? s.text(Secret.SERVICE_ACCOUNT_TOKEN_KEY).map(TokenHash::of) : Optional.empty();
    }

    @Override
    public Optional<UserInfo> authenticate(String token) {
        return secrets.byIndex(INDEX, TokenHash.of(token)).stream().map(this::userOf).flatMap(Optional::stream).findFirst();
    }

    private Optional<UserInfo> userOf(Secret secret) {
        String ns = secret.metadata().namespace();
        String name = secret.metadata().annotations().get(Secret.SERVICE_ACCOUNT_NAME_KEY);
        String uid = secret.metadata().annotations().get(Secret.SERVICE_ACCOUNT_UID_KEY);
        if (name == null || secret.metadata().deletionTimestamp() != null) {
            return Optional.empty();
        }
        return accounts.cached(ns, name)
                .filter(sa -> sa.metadata().deletionTimestamp() == null)
                .filter(sa -> uid == null || uid.equals(sa.metadata().uid()))
                .map(sa -> new UserInfo(userName(ns, name), sa.metadata().uid(), List.of(ALL_GROUP, ALL_GROUP + ":" + ns)));
    }

    public static String userName(String namespace, String name) {
        return USER_PREFIX + namespace + ":" + name;
    }
}
