package dev.jk8s.ctl;

/**
 * How to reach the apiserver: its {@code host:port} and the bearer token to send (null for
 * none). Immutable; {@link #toString} never shows the token.
 */
public record ServerAccess(String server, String token) {

    @Override
    public String toString() {
        return "ServerAccess[server=" + server + ", token=" + (token == null ? "none" : "(set)") + "]";
    }
}
