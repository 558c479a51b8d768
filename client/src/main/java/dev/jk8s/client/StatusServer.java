package dev.jk8s.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A component's {@code /healthz} ("ok", or 503 and the problem) and {@code /metrics} (Prometheus text) over plain HTTP,
 * on the JDK's server with its default single thread: both answers are small and cheap.
 */
public final class StatusServer implements AutoCloseable {

    private final HttpServer http;

    private StatusServer(HttpServer http) {
        this.http = http;
    }

    /** Serves on {@code bindAddress:port} (0: a free port) until {@link #close}; {@code /healthz} always answers ok. */
    public static StatusServer start(String bindAddress, int port, Supplier<String> metrics) throws IOException {
        return start(bindAddress, port, metrics, Optional::empty);
    }

    /**
     * As {@link #start(String, int, Supplier)}, but {@code /healthz} answers 503 with the reason
     * {@code problem} gives, when it gives one.
     */
    public static StatusServer start(String bindAddress, int port, Supplier<String> metrics, Supplier<Optional<String>> problem)
            throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        http.createContext("/healthz", x -> {
            Optional<String> p = problem.get();
            reply(x, p.isPresent() ? 503 : 200, p.map(m -> m + "\n").orElse("ok\n"));
        });
        http.createContext("/metrics", x -> reply(x, 200, metrics.get()));
        http.start();
        return new StatusServer(http);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
