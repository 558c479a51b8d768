package dev.jk8s.apiserver.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The apiserver's HTTP port: {@code /healthz} (the process serves), {@code /readyz} (etcd
 * answers; 503 otherwise) and {@code /metrics} (Prometheus text format).
 */
public final class HealthServer implements AutoCloseable {

    /** Writes the metrics exposition. */
    public interface MetricsWriter {
        void write(OutputStream out) throws IOException;
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor;

    public HealthServer(String host, int port, BooleanSupplier ready, MetricsWriter metrics) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "health-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", ex -> reply(ex, 200, "ok"));
        server.createContext("/readyz", ex -> {
            boolean ok = ready.getAsBoolean();
            reply(ex, ok ? 200 : 503, ok ? "ok" : "etcd is not reachable");
        });
        server.createContext("/metrics", ex -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            metrics.write(out);
            ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            send(ex, 200, out.toByteArray());
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        send(ex, code, (body + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int code, byte[] body) throws IOException {
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
