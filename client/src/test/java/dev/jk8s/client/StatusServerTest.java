package dev.jk8s.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatusServerTest {

    static HttpResponse<String> get(StatusServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzAnswers503WithTheProblemWhileThereIsOne() throws Exception {
        AtomicReference<Optional<String>> problem = new AtomicReference<>(Optional.empty());
        try (StatusServer server = StatusServer.start("127.0.0.1", 0, () -> "m 1\n", problem::get)) {
            assertThat(get(server, "/healthz")).satisfies(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("ok\n");
            });

            problem.set(Optional.of("stale: the last successful sync ended 75 s ago"));

            assertThat(get(server, "/healthz")).satisfies(r -> {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.body()).isEqualTo("stale: the last successful sync ended 75 s ago\n");
            });
            assertThat(get(server, "/metrics").body()).isEqualTo("m 1\n");
        }
    }
}
