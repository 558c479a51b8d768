package dev.jk8s.ctl.describe;

import dev.jk8s.api.Quantity;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerState;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.EnvVar;
import dev.jk8s.api.core.EnvVarSource;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Toleration;
import dev.jk8s.api.core.Volume;
import dev.jk8s.ctl.get.PodCells;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code describe pod} shows between the metadata and the conditions, laid out as kubectl's:
 * where the pod runs, its status, and per container its image, state (with the reason it waits
 * or why it last terminated), readiness, restarts, resources, environment and mounts; then volumes
 * and scheduling constraints. Pure.
 */
final class PodDescription {

    private static final int CONTAINER_WIDTH = 16;

    private PodDescription() {
    }

    static void write(DescribeText out, Pod pod) {
        String node = pod.spec().nodeName();
        out.field("Node", node == null ? null : node + (pod.status().hostIP() == null ? "" : "/" + pod.status().hostIP()));
        out.field("Start Time", pod.status().startTime());
        out.field("Status", PodCells.status(pod));
        if (pod.status().reason() != null) {
            out.field("Reason", pod.status().reason());
        }
        if (pod.status().message() != null) {
            out.field("Message", pod.status().message());
        }
        out.field("IP", pod.status().podIP());
        String verdicts = pod.metadata().annotations().get(Pod.NODE_VERDICTS_ANNOTATION);
        if (verdicts != null && (node == null || node.isEmpty())) { // why the scheduler placed it nowhere
            out.lines(0, DescribeText.WIDTH + 3, "Node Verdicts", verdicts.lines().toList());
        }
        containers(out, "Init Containers", pod.spec().initContainers(), pod.status().initContainerStatuses());
        containers(out, "Containers", pod.spec().containers(), pod.status().containerStatuses());
        volumes(out, pod.spec().volumes());
        out.pairs(0, DescribeText.WIDTH + 3, "Node-Selectors", pod.spec().nodeSelector());
        out.lines(0, DescribeText.WIDTH + 3, "Tolerations", pod.spec().tolerations().stream().map(PodDescription::toleration).toList());
    }

    private static void containers(DescribeText out, String title, List<Container> containers, List<ContainerStatus> statuses) {
        if (containers.isEmpty()) {
            return;
        }
        out.heading(0, title);
        for (Container c : containers) {
            out.heading(2, c.name());
            container(out, c, statuses.stream().filter(s -> c.name().equals(s.name())).findFirst().orElse(null));
        }
    }

    private static void container(DescribeText out, Container c, ContainerStatus status) {
        f(out, "Image", c.image());
        if (!c.command().isEmpty()) {
            f(out, "Command", String.join(" ", c.command()));
        }
        if (!c.args().isEmpty()) {
            f(out, "Args", String.join(" ", c.args()));
        }
        f(out, "Ports", String.join(", ", c.ports().stream().map(p -> p.containerPort() + "/"
                + Objects.requireNonNullElse(p.protocol(), "TCP")).toList()));
        if (status != null) {
            state(out, "State", status.state());
            if (!ContainerState.NONE.equals(status.lastState())) {
                state(out, "Last State", status.lastState());
            }
            f(out, "Ready", status.isReady() ? "True" : "False");
            f(out, "Restart Count", status.restartCount() == null ? 0 : status.restartCount());
        }
        resources(out, "Limits", c.resources().limits());
        resources(out, "Requests", c.resources().requests());
        out.lines(4, CONTAINER_WIDTH, "Environment", c.env().stream().map(PodDescription::env).toList());
        out.lines(4, CONTAINER_WIDTH, "Mounts", c.volumeMounts().stream().map(m -> m.mountPath() + " from " + m.name()
                + (Boolean.TRUE.equals(m.readOnly()) ? " (ro)" : " (rw)")).toList());
    }

    /** One state, with why a container waits or how it terminated: where a stuck pod says why. */
    private static void state(DescribeText out, String name, ContainerState s) {
        if (s.waiting() != null) {
            f(out, name, "Waiting");
            detail(out, "Reason", s.waiting().reason());
            detail(out, "Message", s.waiting().message());
        } else if (s.running() != null) {
            f(out, name, "Running");
            detail(out, "Started", s.running().startedAt());
        } else if (s.terminated() != null) {
            ContainerState.Terminated t = s.terminated();
            f(out, name, "Terminated");
            detail(out, "Reason", t.reason());
            detail(out, "Message", t.message());
            detail(out, "Exit Code", t.exitCode());
            detail(out, "Started", t.startedAt());
            detail(out, "Finished", t.finishedAt());
        } else {
            f(out, name, "Unknown");
        }
    }

    private static void resources(DescribeText out, String name, Map<String, Quantity> values) {
        if (values.isEmpty()) {
            return;
        }
        out.heading(4, name);
        new TreeMap<>(values).forEach((k, v) -> out.field(6, CONTAINER_WIDTH - 2, k, v));
    }

    private static void volumes(DescribeText out, List<Volume> volumes) {
        if (volumes.isEmpty()) {
            out.field("Volumes", null);
            return;
        }
        out.heading(0, "Volumes");
        for (Volume v : volumes) {
            out.heading(2, v.name());
            if (v.emptyDir() != null) {
                out.field(4, 8, "Type", "EmptyDir (a temporary directory that shares a pod's lifetime)");
            } else if (v.configMap() != null) {
                out.field(4, 8, "Type", "ConfigMap (a volume populated by a ConfigMap)").field(4, 8, "Name", v.configMap().name());
            } else if (v.secret() != null) {
                out.field(4, 8, "Type", "Secret (a volume populated by a Secret)").field(4, 8, "Name", v.secret().secretName());
            } else if (v.hostPath() != null) {
                out.field(4, 8, "Type", "HostPath (bare host directory volume)").field(4, 8, "Path", v.hostPath().path());
            }
        }
    }

    private static void f(DescribeText out, String name, Object value) {
        out.field(4, CONTAINER_WIDTH, name, value);
    }

    private static void detail(DescribeText out, String name, Object value) {
        if (value != null && !(value instanceof String s && s.isEmpty())) {
            out.field(6, CONTAINER_WIDTH - 2, name, value instanceof Instant i ? i.toString() : value);
        }
    }

    private static String env(EnvVar e) {
        EnvVarSource from = e.valueFrom();
        if (from == null) {
            return e.name() + "=" + Objects.requireNonNullElse(e.value(), "");
        }
        if (from.configMapKeyRef() != null) {
            return e.name() + " <set to the key '" + from.configMapKeyRef().key() + "' of config map '"
                    + from.configMapKeyRef().name() + "'>";
        }
        if (from.secretKeyRef() != null) {
            return e.name() + " <set to the key '" + from.secretKeyRef().key() + "' in secret '" + from.secretKeyRef().name() + "'>";
        }
        return e.name() + " (" + (from.fieldRef() == null ? "?" : from.fieldRef().fieldPath()) + ")";
    }

    private static String toleration(Toleration t) {
        String key = t.key() == null || t.key().isEmpty() ? "<all keys>" : t.key();
        String value = "Exists".equals(t.operator()) || t.value() == null ? "" : "=" + t.value();
        String effect = t.effect() == null || t.effect().isEmpty() ? "" : ":" + t.effect();
        String seconds = t.tolerationSeconds() == null ? "" : " for " + t.tolerationSeconds() + "s";
        return key + value + effect + seconds;
    }
}
