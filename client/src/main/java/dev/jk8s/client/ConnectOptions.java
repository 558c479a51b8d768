package dev.jk8s.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link ApiClient} talks to the apiserver. Immutable; start from {@link #DEFAULT}.
 *
 * @param timeout     deadline of one unary call
 * @param bearerToken sent as {@code authorization: Bearer <token>} on every call; null sends none
 */
public record ConnectOptions(Duration timeout, String bearerToken) {

    public static final ConnectOptions DEFAULT = new ConnectOptions(Duration.ofSeconds(30), null);

    public ConnectOptions {
        Objects.requireNonNull(timeout);
    }

    public ConnectOptions withTimeout(Duration value) {
        return new ConnectOptions(value, bearerToken);
    }

    public ConnectOptions withBearerToken(String value) {
        return new ConnectOptions(timeout, value);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ConnectOptions[timeout=" + timeout + ", bearerToken=" + (bearerToken == null ? "none" : "(set)") + "]";
    }
}
