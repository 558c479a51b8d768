package dev.jk8s.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A component's {@code /healthz} ("ok") and {@code /metrics} (Prometheus text) over plain HTTP,
 * on the JDK's server with its default single thread: both answers are small and cheap.
 */
public final class StatusServer implements AutoCloseable {

    private final HttpServer http;

    private StatusServer(HttpServer http) {
        this.http = http;
    }

    /** Serves on {@code bindAddress:port} (0: a free port) until {@link #close}. */
    public static StatusServer start(String bindAddress, int port, Supplier<String> metrics) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        http.createContext("/healthz", x -> reply(x, "ok\n"));
        http.createContext("/metrics", x -> reply(x, metrics.get()));
        http.start();
        return new StatusServer(http);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private static void reply(HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
