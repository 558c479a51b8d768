package dev.jk8s.kubelet.probe;

import dev.jk8s.api.core.HttpGetAction;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP GET of a probe. Redirects are <em>not</em> followed: a 3xx answer is a success by
 * itself (Kubernetes follows up to ten redirects to the same host; a 3xx counts as healthy there
 * too, so only a redirect to an unhealthy page differs). HTTPS does not verify the server's
 * certificate, as Kubernetes' prober does not.
 *
 * <p>Thread-safe. The JDK client refuses a few headers it manages itself ({@code Host},
 * {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Upgrade}); a probe's header of
 * that name is not sent.
 */
final class HttpProber {

    private static final Logger log = LoggerFactory.getLogger(HttpProber.class);
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private static final String USER_AGENT = "jk8s-probe/0.1";

    private final HttpClient plain = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private volatile HttpClient insecure;

    ProbeResult get(HttpGetAction action, String host, int port, Duration timeout) {
        URI uri = uri(action, host, port);
        try {
            HttpResponse<Void> response = client(uri).send(request(action, uri, timeout),
                    HttpResponse.BodyHandlers.discarding());
            return verdict(response.statusCode());
        } catch (IOException e) {
            return ProbeResult.failure("GET " + uri + ": " + Prober.describe(e, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unknown("GET " + uri + ": interrupted");
        }
    }

    static ProbeResult verdict(int status) {
        return Prober.healthy(status) ? ProbeResult.success("HTTP probe succeeded with statuscode: " + status)
                : ProbeResult.failure("HTTP probe failed with statuscode: " + status);
    }

    static URI uri(HttpGetAction action, String host, int port) {
        String scheme = action.scheme() == null ? "http" : action.scheme().toLowerCase(Locale.ROOT);
        String path = action.path() == null || action.path().isEmpty() ? "/" : action.path();
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + literal + ":" + port + (path.startsWith("/") ? path : "/" + path));
    }

    private static HttpRequest request(HttpGetAction action, URI uri, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("User-Agent", USER_AGENT).header("Accept", "*/*");
        for (HttpGetAction.HttpHeader h : action.httpHeaders()) {
            if (RESTRICTED.contains(h.name().toLowerCase(Locale.ROOT))) {
                log.debug("probe of {}: header {} is managed by the HTTP client and not sent", uri, h.name());
            } else {
                request.setHeader(h.name(), h.value());
            }
        }
        return request.build();
    }

    private HttpClient client(URI uri) {
        return "https".equals(uri.getScheme()) ? insecure() : plain;
    }

    private HttpClient insecure() {
        HttpClient c = insecure;
        if (c == null) {
            synchronized (this) {
                c = insecure;
                if (c == null) {
                    c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER).sslContext(trustingAll()).build();
                    insecure = c;
                }
            }
        }
        return c;
    }

    private static SSLContext trustingAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingAll()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for HTTPS probes", e);
        }
    }

    /**
     * Accepts any server certificate and skips host name checks, as Kubernetes' HTTPS probes do:
     * a pod's certificate is rarely issued for its IP.
     */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
