package dev.jk8s.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * When Docker created and started each container of the run, from {@code docker events} (the
 * engine's own clock, epoch nanoseconds), to show where a pod's startup time goes. A container is
 * placed by its labels: the kubelet's ({@code jk8s.dev/pod-name}, {@code jk8s.dev/container-name})
 * or the baselines' ({@link DockerBaseline#POD_LABEL}, {@link DockerBaseline#CONTAINER_LABEL});
 * only pods whose name starts with the run's prefix are kept. {@link #close()} ends the
 * {@code docker events} process it started. Thread-safe.
 */
final class DockerEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String prefix;
    private final Map<String, Long> times = new ConcurrentHashMap<>();
    private final Thread reader;

    private DockerEvents(Process process, String prefix) {
        this.process = process;
        this.prefix = prefix;
        this.reader = new Thread(this::read, "docker-events");
        reader.setDaemon(true);
        reader.start();
    }

    static DockerEvents start(String podPrefix) throws IOException {
        Process p = new ProcessBuilder("docker", "events", "--filter", "type=container", "--filter", "event=create",
                "--filter", "event=start", "--format", "{{json .}}")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new DockerEvents(p, podPrefix);
    }

    /** When {@code action} (create, start) happened to container {@code container} (POD, app) of {@code pod}. */
    OptionalLong at(String pod, String container, String action) {
        Long t = times.get(pod + "/" + container + "/" + action);
        return t == null ? OptionalLong.empty() : OptionalLong.of(t);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                record(JSON.readTree(line));
            }
        } catch (IOException | RuntimeException e) {
            // the process was stopped, or docker printed something else: the profile has gaps, no more
        }
    }

    private void record(JsonNode event) {
        JsonNode labels = event.path("Actor").path("Attributes");
        String pod = text(labels, "jk8s.dev/pod-name", DockerBaseline.POD_LABEL);
        String container = text(labels, "jk8s.dev/container-name", DockerBaseline.CONTAINER_LABEL);
        if (pod != null && container != null && pod.startsWith(prefix)) {
            times.putIfAbsent(pod + "/" + container + "/" + event.path("Action").asText(), event.path("timeNano").asLong());
        }
    }

    private static String text(JsonNode labels, String key, String fallback) {
        JsonNode v = labels.has(key) ? labels.get(key) : labels.get(fallback);
        return v == null ? null : v.asText();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(5000);
    }
}
