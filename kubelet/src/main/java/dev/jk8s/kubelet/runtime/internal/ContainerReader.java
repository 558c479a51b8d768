package dev.jk8s.kubelet.runtime.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.jk8s.kubelet.runtime.Labels;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import dev.jk8s.kubelet.runtime.RuntimeContainer.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a node's containers with one {@code docker ps -a} and reads what the list lacks (exit
 * code, start and finish times, OOM kill) by inspecting each container once per state: a
 * running container's start time and an exited container's outcome never change (jk8s never
 * restarts a container; a restart is a new container with the next attempt number).
 *
 * <p>Thread-safe: the inspect cache is concurrent, and a race only costs a second inspect.
 */
final class ContainerReader {

    private static final Logger log = LoggerFactory.getLogger(ContainerReader.class);

    /** What an inspect adds to the list, for a container in a given engine state. */
    /** Docker's clocks can put a quick exit a few ms before the start: never report an end before the start. */
    private static Instant finishedAt(Details d) {
        return d.finishedAt() != null && d.startedAt() != null && d.finishedAt().isBefore(d.startedAt())
                ? d.startedAt() : d.finishedAt();
    }

    private record Details(String node, String state, Integer exitCode, boolean oomKilled, Instant startedAt,
                           Instant finishedAt) {
    }

    private final DockerClient docker;
    private final Map<String, Details> details = new ConcurrentHashMap<>();

    ContainerReader(DockerClient docker) {
        this.docker = docker;
    }

    List<RuntimeContainer> list(String node) {
        List<Container> listed = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.NODE, node)).exec();
        forgetAllBut(node, listed);
        return toRuntime(node, listed);
    }

    List<RuntimeContainer> listPod(String node, String namespace, String name) {
        Map<String, String> labels = Map.of(Labels.NODE, node, Labels.POD_NAMESPACE, namespace,
                Labels.POD_NAME, name);
        return toRuntime(node, docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
    }

    /** Drops what is cached about {@code id} (it was removed). */
    void forget(String id) {
        details.remove(id);
    }

    private void forgetAllBut(String node, List<Container> listed) {
        Set<String> ids = new HashSet<>();
        listed.forEach(c -> ids.add(c.getId()));
        details.entrySet().removeIf(e -> e.getValue().node().equals(node) && !ids.contains(e.getKey()));
    }

    private List<RuntimeContainer> toRuntime(String node, List<Container> listed) {
        List<RuntimeContainer> result = new ArrayList<>(listed.size());
        for (Container c : listed) {
            RuntimeContainer rc = toRuntime(node, c);
            if (rc != null) {
                result.add(rc);
            }
        }
        return result;
    }

    private RuntimeContainer toRuntime(String node, Container c) {
        PodRef pod = podOf(c.getLabels());
        if (pod == null) {
            log.debug("container {} on node {} lacks the jk8s pod labels; ignored", shortId(c.getId()), node);
            return null;
        }
        State state = state(c.getState());
        Details d = state == State.RUNNING || state == State.EXITED ? details(node, c) : null;
        if (d == null && (state == State.RUNNING || state == State.EXITED)) {
            return null; // removed between list and inspect
        }
        String name = c.getLabels().get(Labels.CONTAINER_NAME);
        return new RuntimeContainer(c.getId(), pod, name, attempt(c.getLabels()), state,
                state == State.EXITED ? d.exitCode() : null, state == State.EXITED ? reason(d) : null,
                c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated()),
                d == null ? null : d.startedAt(), state == State.EXITED ? finishedAt(d) : null,
                c.getImage(), c.getImageId(), Labels.SANDBOX_NAME.equals(name) ? ip(c) : null);
    }

    private Details details(String node, Container c) {
        Details cached = details.get(c.getId());
        if (cached != null && cached.state().equals(c.getState())) {
            return cached;
        }
        try {
            Details fresh = inspect(node, docker.inspectContainerCmd(c.getId()).exec());
            details.put(c.getId(), fresh);
            return fresh;
        } catch (NotFoundException gone) {
            details.remove(c.getId());
            return null;
        }
    }

    private static Details inspect(String node, InspectContainerResponse response) {
        InspectContainerResponse.ContainerState s = response.getState();
        Long exitCode = s.getExitCodeLong();
        return new Details(node, s.getStatus(), exitCode == null ? null : exitCode.intValue(),
                Boolean.TRUE.equals(s.getOOMKilled()), instant(s.getStartedAt()), instant(s.getFinishedAt()));
    }

    static PodRef podOf(Map<String, String> labels) {
        if (labels == null || labels.get(Labels.POD_NAMESPACE) == null || labels.get(Labels.POD_NAME) == null
                || labels.get(Labels.POD_UID) == null || labels.get(Labels.CONTAINER_NAME) == null) {
            return null;
        }
        return new PodRef(labels.get(Labels.POD_NAMESPACE), labels.get(Labels.POD_NAME), labels.get(Labels.POD_UID));
    }

    static State state(String engineState) {
        return switch (Objects.requireNonNullElse(engineState, "")) {
            case "created" -> State.CREATED;
            case "running" -> State.RUNNING;
            case "exited", "dead" -> State.EXITED;
            default -> State.UNKNOWN; // paused, restarting, removing
        };
    }

    private static String reason(Details d) {
        if (d.oomKilled()) {
            return "OOMKilled";
        }
        return Integer.valueOf(0).equals(d.exitCode()) ? "Completed" : "Error";
    }

    private static int attempt(Map<String, String> labels) {
        try {
            return Integer.parseInt(labels.getOrDefault(Labels.ATTEMPT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String ip(Container c) {
        if (c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null) {
            return null;
        }
        ContainerNetwork bridge = c.getNetworkSettings().getNetworks().get("bridge");
        String ip = bridge == null ? null : bridge.getIpAddress();
        return ip == null || ip.isEmpty() ? null : ip;
    }

    /** Docker's time, or null for its "never" (Go's zero time, {@code 0001-01-01T00:00:00Z}). */
    static Instant instant(String engineTime) {
        if (engineTime == null || engineTime.isEmpty() || engineTime.startsWith("0001-01-01")) {
            return null;
        }
        return Instant.parse(engineTime);
    }

    static String shortId(String id) {
        return id == null || id.length() <= 12 ? id : id.substring(0, 12);
    }
}
