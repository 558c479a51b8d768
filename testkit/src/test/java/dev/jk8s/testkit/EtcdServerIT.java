package dev.jk8s.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link EtcdServer} against the real etcd: health, data kept across restarts, cleanup. Talks
 * plain HTTP to etcd's /health and to its v3 gRPC gateway (/v3/kv/put, /v3/kv/range).
 */
@Timeout(60)
class EtcdServerIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    @Test
    void startServesHealthAndStopDeletesEverything() throws Exception {
        EtcdServer etcd = new EtcdServer().start();
        Path dataDir = etcd.dataDir();
        try {
            assertThat(get(etcd, "/health").replace(" ", "")).contains("\"health\":\"true\"");
            assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(etcd.logFile()).isNotEmptyFile();
        } finally {
            etcd.stop();
        }
        assertThat(dataDir.getParent()).doesNotExist();
        assertThat(FreePorts.isFree(etcd.clientPort())).isTrue();
        assertThatThrownBy(() -> get(etcd, "/health")).isInstanceOf(ConnectException.class);
    }

    @Test
    void restartKeepsDataAndEndpoint() throws Exception {
        try (EtcdServer etcd = new EtcdServer().start()) {
            put(etcd, "/registry/configmaps/default/app-config", "v1");
            String endpoint = etcd.endpoint();
            long pid = etcd.pid();

            etcd.restart();

            assertThat(etcd.endpoint()).isEqualTo(endpoint);
            assertThat(etcd.pid()).isNotEqualTo(pid);
            assertThat(range(etcd, "/registry/configmaps/default/app-config")).contains(value("v1"));
        }
    }

    @Test
    void stoppedProcessRefusesConnectionsUntilStartedAgain() throws Exception {
        try (EtcdServer etcd = new EtcdServer().start()) {
            put(etcd, "k", "before");

            etcd.stopProcess();
            assertThat(etcd.isRunning()).isFalse();
            assertThatThrownBy(() -> get(etcd, "/health")).isInstanceOf(ConnectException.class);

            etcd.start();
            assertThat(range(etcd, "k")).contains(value("before"));
        }
    }

    @Test
    void startWhileRunningIsANoOp() {
        try (EtcdServer etcd = new EtcdServer().start()) {
            long pid = etcd.pid();
            assertThat(etcd.start().pid()).isEqualTo(pid);
        }
    }

    private static String put(EtcdServer etcd, String key, String value) throws IOException, InterruptedException {
        return post(etcd, "/v3/kv/put", "{\"key\":\"" + base64(key) + "\",\"value\":\"" + base64(value) + "\"}");
    }

    private static String range(EtcdServer etcd, String key) throws IOException, InterruptedException {
        return post(etcd, "/v3/kv/range", "{\"key\":\"" + base64(key) + "\"}");
    }

    private static String value(String value) {
        return "\"value\":\"" + base64(value) + "\"";
    }

    private static String get(EtcdServer etcd, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(etcd.endpoint() + path)).GET());
    }

    private static String post(EtcdServer etcd, String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(etcd.endpoint() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("HTTP status of %s: %s", response.uri(), response.body()).isEqualTo(200);
        return response.body();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
