package dev.jk8s.api.auth;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bootstrap token, Kubernetes' short-lived join token {@code <id>.<secret>} (6 and 16
 * characters of {@code [a-z0-9]}), as the Secret {@code kube-system/bootstrap-token-<id>} of type
 * {@value #TYPE} holds it: data {@code token-id}, {@code expiration} (RFC 3339),
 * {@code usage-bootstrap-authentication: "true"}, optionally {@code description}. Unlike
 * Kubernetes, the Secret keeps only {@code token-secret-hash} ({@link TokenHash} of the secret
 * part), never the secret. Immutable.
 */
public record BootstrapToken(String id, String secretHash, Instant expiration, boolean authentication, String description) {

    public static final String TYPE = "bootstrap.kubernetes.io/token";
    /** Its users' group: they may only ask for a node credential. */
    public static final String GROUP = "system:bootstrappers";
    public static final String NAMESPACE = "kube-system";
    public static final String NAME_PREFIX = "bootstrap-token-";
    static final String ID = "token-id";
    static final String SECRET_HASH = "token-secret-hash";
    static final String EXPIRATION = "expiration";
    static final String USAGE_AUTHENTICATION = "usage-bootstrap-authentication";
    static final String DESCRIPTION = "description";
    private static final Pattern FORMAT = Pattern.compile("([a-z0-9]{6})\\.([a-z0-9]{16})");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** A new token, {@code <id>.<secret>}, from {@code random}. */
    public static String generate(SecureRandom random) {
        return chars(random, 6) + "." + chars(random, 16);
    }

    /** The id and secret of a token of the right form; empty for anything else. */
    public static Optional<String[]> parse(String token) {
        Matcher m = FORMAT.matcher(token);
        return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
    }

    /** The Secret that makes {@code token} valid until {@code expiration}. */
    public static Secret secret(String token, Instant expiration, String description) {
        String[] parts = parse(token).orElseThrow(() -> new IllegalArgumentException("not a bootstrap token"));
        Map<String, String> data = new LinkedHashMap<>();
        data.put(ID, Secret.encode(parts[0]));
        data.put(SECRET_HASH, Secret.encode(TokenHash.of(parts[1])));
        data.put(EXPIRATION, Secret.encode(expiration.toString()));
        data.put(USAGE_AUTHENTICATION, Secret.encode("true"));
        if (description != null && !description.isEmpty()) {
            data.put(DESCRIPTION, Secret.encode(description));
        }
        return new Secret(null, null, ObjectMeta.builder().name(NAME_PREFIX + parts[0]).namespace(NAMESPACE).build(), null,
                data, null, TYPE);
    }

    /** What a Secret says, if it is a bootstrap token's (of type {@value #TYPE}, with an id and a hash). */
    public static Optional<BootstrapToken> of(Secret s) {
        String id = data(s, ID);
        String hash = data(s, SECRET_HASH);
        if (!TYPE.equals(s.type()) || id == null || hash == null) {
            return Optional.empty();
        }
        return Optional.of(new BootstrapToken(id, hash, instant(data(s, EXPIRATION)),
                "true".equals(data(s, USAGE_AUTHENTICATION)), data(s, DESCRIPTION)));
    }

    /** Whether {@code secret} is this token's secret part (compared in constant time) and it is valid at {@code now}. */
    public boolean accepts(String secret, Instant now) {
        return authentication && expiration != null && expiration.isAfter(now)
                && MessageDigest.isEqual(secretHash.getBytes(StandardCharsets.UTF_8),
                TokenHash.of(secret).getBytes(StandardCharsets.UTF_8));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // never valid
        }
    }

    private static String data(Secret s, String key) {
        return s.text(key).orElse(null);
    }

    private static String chars(SecureRandom random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
