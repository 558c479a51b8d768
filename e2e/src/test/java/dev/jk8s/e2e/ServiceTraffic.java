package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.LogOptions;
import dev.jk8s.testkit.TestObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * HTTP requests to a Service as its users send them, each on a new connection (so that each is
 * balanced anew), counted by answer: {@code jk8s/http} answers with the name of the pod that
 * served it; a failed request counts as {@value #FAILED}.
 */
final class ServiceTraffic {

    static final String FAILED = "FAILED";

    private ServiceTraffic() {
    }

    /** {@code n} requests from this host to {@code host:port}. */
    static Map<String, Long> fromHost(String host, int port, int n) {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String answer;
            try {
                answer = get(host, port);
            } catch (IOException e) {
                answer = FAILED;
            }
            out.merge(answer, 1L, Long::sum);
        }
        return out;
    }

    /** {@code n} requests from a busybox pod {@code client} in {@code default} (run, read and deleted). */
    static Map<String, Long> fromPod(ApiClient client, String host, int port, int n) {
        // busybox's wget -T crashes (SIGSEGV) in this build: no timeout flag
        client.resource(Kinds.POD).create((Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: client, namespace: default}
                spec:
                  restartPolicy: Never
                  containers: [{name: wget, image: "jk8s/busybox:1.0",
                                command: [sh, -c, 'for i in $(seq %d); do wget -q -O - http://%s:%d/ || echo %s; done']}]
                """.formatted(n, host, port, FAILED)));
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> ended(client.resource(Kinds.POD).get("default", "client")));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            client.logs().copy("default", "client", LogOptions.DEFAULT, out);
            String log = out.toString(StandardCharsets.UTF_8);
            assertThat(client.resource(Kinds.POD).get("default", "client").status().phase()).as(log).isEqualTo("Succeeded");
            return log.lines().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        } finally {
            client.resource(Kinds.POD).delete("default", "client");
        }
    }

    private static boolean ended(Pod pod) {
        return "Succeeded".equals(pod.status().phase()) || "Failed".equals(pod.status().phase());
    }

    /** Whether a connection to {@code host:port} is refused (not timed out, not answered). */
    static boolean refused(String host, int port) {
        try {
            get(host, port);
            return false;
        } catch (java.net.ConnectException e) {
            return String.valueOf(e.getMessage()).contains("refused");
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a request to {@code host:port} fails (refused, timed out, not 200). */
    static boolean fails(String host, int port) {
        try {
            get(host, port);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** One request on a new connection; the body, trimmed. */
    static String get(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.0 200") && !response.startsWith("HTTP/1.1 200")) {
                throw new IOException("answered " + response.lines().findFirst().orElse("nothing"));
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4).strip();
        }
    }
}
