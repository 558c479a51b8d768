package dev.jk8s.client;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.api.wire.WireErrors;
import io.netty.handler.ssl.NotSslRecordException;
import java.nio.file.Path;
import io.grpc.Status;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.PKIXReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * How every call of one {@link ApiClient} turns a gRPC failure into the {@link ApiException} its
 * caller sees. Immutable.
 */
final class CallErrors {

    private static final String CLOSED_UNANSWERED = "Network closed for unknown reason";

    private final String target;
    private final Path certificateAuthority;

    /** {@code certificateAuthority}: the CA file the client trusts; null for a plaintext client. */
    CallErrors(String target, Path certificateAuthority) {
        this.target = target;
        this.certificateAuthority = certificateAuthority;
    }

    /**
     * The API error of a failed call; a call that never reached the apiserver says so, and why
     * when TLS was the cause. Anything that is not a gRPC failure (a bug on this side) is rethrown.
     */
    ApiException translate(RuntimeException e) {
        if (!WireErrors.isGrpc(e)) {
            throw e;
        }
        ApiException api = WireErrors.toApiException(e);
        if (api.is(Reason.UNAVAILABLE) && api.resource().isEmpty() && !WireErrors.carriesDetails(e)) {
            return unavailable(tlsProblem(e).map(p -> "cannot connect to the apiserver at " + target + " over TLS: " + p)
                    .or(() -> plaintextRefused(e))
                    .orElse("the apiserver at " + target + " is unreachable (" + api.getMessage() + "); is it running?"));
        }
        return api;
    }

    /**
     * Whether the connection failed in TLS, or a TLS server refused this plaintext client: failures
     * that repeating the call does not mend.
     */
    boolean isPermanent(Throwable e) {
        return isTls(e) || plaintextRefused(e).isPresent();
    }

    private static boolean isTls(Throwable e) {
        return find(e, SSLException.class).isPresent();
    }

    private static ApiException unavailable(String message) {
        return new ApiException(Reason.UNAVAILABLE, "", "", message, List.of());
    }

    /**
     * A TLS server closes a plaintext connection at once, without a word: gRPC then reports the
     * network closed "for unknown reason", or, when the close raced the client's first bytes, a
     * connection reset; a server that is down refuses the connection instead, which is neither.
     */
    private Optional<String> plaintextRefused(Throwable e) {
        if (certificateAuthority != null || !closedUnanswered(e)) {
            return Optional.empty();
        }
        return Optional.of("cannot connect to the apiserver at " + target + ": it closed the connection unanswered, as a"
                + " TLS server does to a plaintext client; give this client the cluster's CA (certificate-authority)");
    }

    private static boolean closedUnanswered(Throwable e) {
        if (CLOSED_UNANSWERED.equals(Status.fromThrowable(e).getDescription())) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Connection reset by peer")) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong in the TLS handshake, in the user's words; empty when TLS was not the cause. */
    private Optional<String> tlsProblem(Throwable e) {
        if (find(e, NotSslRecordException.class).isPresent()) {
            return Optional.of("it does not speak TLS (is it an apiserver of an older build, or another server?)");
        }
        if (!isTls(e)) {
            return Optional.empty();
        }
        if (find(e, CertificateExpiredException.class).isPresent()) {
            return Optional.of("the server's certificate has expired; renew it (bin/cluster up renews run/pki)");
        }
        if (find(e, CertPathBuilderException.class).isPresent() || find(e, CertPathValidatorException.class)
                .filter(c -> c.getReason() == PKIXReason.NO_TRUST_ANCHOR).isPresent()) {
            return Optional.of("the server's certificate is not signed by the CA in " + certificateAuthority);
        }
        Optional<CertificateException> name = find(e, CertificateException.class)
                .filter(c -> String.valueOf(c.getMessage()).startsWith("No "));
        if (name.isPresent()) {
            return Optional.of("the server's certificate is not valid for the address dialled: " + name.get().getMessage());
        }
        return Optional.of("the TLS handshake failed: " + rootMessage(e));
    }

    private static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
