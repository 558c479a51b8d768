package dev.jk8s.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How tokens are stored: never as themselves, only as {@code sha256:<64 hex digits>} of their
 * UTF-8 bytes. Tokens are 32 random bytes, so a plain (unsalted) hash cannot be reversed by
 * guessing; it lets the apiserver look a token up without holding it.
 */
public final class TokenHash {

    public static final String PREFIX = "sha256:";

    private TokenHash() {
    }

    /** A new token: 32 random bytes, base64url without padding (43 characters), as every jk8s token. */
    public static String newToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String of(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code text} has the stored form. */
    public static boolean isHash(String text) {
        return text.length() == PREFIX.length() + 64 && text.startsWith(PREFIX)
                && text.substring(PREFIX.length()).chars().allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isUpperCase(c));
    }
}
