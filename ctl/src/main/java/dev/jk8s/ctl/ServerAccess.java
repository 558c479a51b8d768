package dev.jk8s.ctl;

import java.nio.file.Path;

/**
 * How to reach the apiserver: its {@code host:port}, the bearer token to send (null for none) and
 * the CA file to verify its certificate with over TLS (null: plaintext). Immutable; {@link #toString}
 * never shows the token.
 */
public record ServerAccess(String server, String token, Path certificateAuthority) {

    /** Without a CA: plaintext. */
    public ServerAccess(String server, String token) {
        this(server, token, null);
    }

    @Override
    public String toString() {
        return "ServerAccess[server=" + server + ", token=" + (token == null ? "none" : "(set)") + ", certificateAuthority="
                + certificateAuthority + "]";
    }
}
