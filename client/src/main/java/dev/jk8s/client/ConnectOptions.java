package dev.jk8s.client;

import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * The bearer token kept in {@code file} (a component's {@code --token-file}; surrounding
     * whitespace is dropped). Tokens live in files, not flags, so that they never show in
     * {@code ps}.
     *
     * @param file null: these options unchanged
     * @throws IllegalArgumentException naming the file (never its content) when it cannot be read or is empty
     */
    public ConnectOptions withTokenFile(Path file) {
        if (file == null) {
            return this;
        }
        String token;
        try {
            token = Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + file + ": " + e.getMessage()
                    + "; bin/cluster up writes it, or point --token-file at your token");
        }
        if (token.isEmpty() || token.contains("\n")) {
            throw new IllegalArgumentException("the token file " + file + " must hold exactly one token on one line");
        }
        return withBearerToken(token);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ConnectOptions[timeout=" + timeout + ", bearerToken=" + (bearerToken == null ? "none" : "(set)")
                + ", certificateAuthority=" + (certificateAuthority == null ? "none (plaintext)" : certificateAuthority) + "]";
    }
}
