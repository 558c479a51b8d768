package dev.jk8s.apiserver.auth;

import dev.jk8s.api.core.Secret;
import dev.jk8s.apiserver.registry.KindStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bootstrap tokens, Kubernetes' short-lived join tokens: {@code <id>.<secret>} (6 and 16
 * characters of {@code [a-z0-9]}), kept in the Secret {@code kube-system/bootstrap-token-<id>} of
 * type {@value #TYPE} with data {@code token-id}, {@code expiration} (RFC 3339) and
 * {@code usage-bootstrap-authentication: "true"}. Unlike Kubernetes, the Secret holds only
 * {@code token-secret-hash} ({@link TokenHash} of the secret part), never the secret itself.
 * A token is valid until its expiration, while its Secret exists. Its user is
 * {@code system:bootstrap:<id>} in group {@value #GROUP}, which may only ask for a node
 * credential. Reads the Secrets cache on every call; thread-safe.
 */
public final class BootstrapTokens implements Authenticator {

    public static final String TYPE = "bootstrap.kubernetes.io/token";
    public static final String GROUP = "system:bootstrappers";
    public static final String NAMESPACE = "kube-system";
    public static final String NAME_PREFIX = "bootstrap-token-";
    public static final String ID = "token-id";
    public static final String SECRET_HASH = "token-secret-hash";
    public static final String EXPIRATION = "expiration";
    public static final String USAGE_AUTHENTICATION = "usage-bootstrap-authentication";
    private static final Pattern FORMAT = Pattern.compile("([a-z0-9]{6})\\.([a-z0-9]{16})");

    private final KindStore<Secret> secrets;
    private final Clock clock;

    public BootstrapTokens(KindStore<Secret> secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Optional<UserInfo> authenticate(String token) {
        Matcher m = FORMAT.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        String id = m.group(1);
        return secrets.cached(NAMESPACE, NAME_PREFIX + id)
                .filter(s -> valid(s, id, m.group(2)))
                .map(s -> new UserInfo("system:bootstrap:" + id, "", List.of(GROUP)));
    }

    private boolean valid(Secret s, String id, String secret) {
        return TYPE.equals(s.type()) && s.metadata().deletionTimestamp() == null
                && id.equals(data(s, ID)) && "true".equals(data(s, USAGE_AUTHENTICATION))
                && sameHash(data(s, SECRET_HASH), TokenHash.of(secret)) && notExpired(data(s, EXPIRATION));
    }

    private boolean notExpired(String expiration) {
        try {
            return expiration != null && Instant.parse(expiration).isAfter(clock.instant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean sameHash(String stored, String presented) {
        return stored != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code data} value, decoded; null when absent or not base64. */
    static String data(Secret s, String key) {
        String encoded = s.data().get(key);
        try {
            return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
