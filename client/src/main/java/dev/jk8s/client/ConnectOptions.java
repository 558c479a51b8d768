package dev.jk8s.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link ApiClient} talks to the apiserver. Immutable; start from {@link #DEFAULT}.
 *
 * @param timeout              deadline of one unary call
 * @param bearerToken          sent as {@code authorization: Bearer <token>} on every call; null sends none
 * @param certificateAuthority PEM file of the CA that signed the apiserver's certificate: the client
 *                             speaks TLS, trusts that CA only and checks that the certificate names the
 *                             host it dialled; null speaks plaintext (in-process tests only: the
 *                             apiserver process serves TLS only)
 */
public record ConnectOptions(Duration timeout, String bearerToken, Path certificateAuthority) {

    public static final ConnectOptions DEFAULT = new ConnectOptions(Duration.ofSeconds(30), null, null);

    public ConnectOptions {
        Objects.requireNonNull(timeout);
    }

    public ConnectOptions withTimeout(Duration value) {
        return new ConnectOptions(value, bearerToken, certificateAuthority);
    }

    public ConnectOptions withBearerToken(String value) {
        return new ConnectOptions(timeout, value, certificateAuthority);
    }

    /** TLS, trusting only the CA in {@code caFile} (PEM); null: plaintext. */
    public ConnectOptions withCertificateAuthority(Path caFile) {
        return new ConnectOptions(timeout, bearerToken, caFile);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ConnectOptions[timeout=" + timeout + ", bearerToken=" + (bearerToken == null ? "none" : "(set)")
                + ", certificateAuthority=" + (certificateAuthority == null ? "none (plaintext)" : certificateAuthority) + "]";
    }
}
