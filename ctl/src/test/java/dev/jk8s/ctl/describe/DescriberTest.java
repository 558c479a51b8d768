package dev.jk8s.ctl.describe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.core.Event;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriberTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:10:00Z");

    @Test
    void describesIdentitySpecStatusConditionsAndEventsOldestFirst() {
        ApiObject pod = Codec.readManifests("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-1
                  namespace: default
                  creationTimestamp: 2026-11-25T12:00:00Z
                  labels: {app: web, tier: front}
                  annotations:
                    note: hello
                    kubectl.kubernetes.io/last-applied-configuration: '{}'
                spec:
                  containers:
                  - name: web
                    image: jk8s/busybox:latest
                status:
                  phase: Pending
                  conditions:
                  - type: PodScheduled
                    status: "False"
                    reason: Unschedulable
                    message: 0/1 nodes available
                """, "t").get(0).object();
        List<Event> events = List.of(event("b", "Warning", "FailedScheduling", "0/1 nodes available", 3, "12:09:00"),
                event("a", "Normal", "Created", "created", 1, "12:00:30"));

        String text = Describer.describe(pod, events, NOW);

        assertThat(text).startsWith("""
                Name:         web-1
                Namespace:    default
                Labels:       app=web
                              tier=front
                Annotations:  note=hello
                Created:      2026-11-25T12:00:00Z (10m ago)
                Spec:
                  containers:
                  - name: web
                    image: jk8s/busybox:latest
                    resources: {}
                """);
        assertThat(text).contains("""
                Status:
                  phase: Pending
                Conditions:
                  Type          Status  Reason         Message
                  ----          ------  ------         -------
                  PodScheduled  False   Unschedulable  0/1 nodes available
                Events:
                  Type     Reason            Age       From       Message
                  ----     ------            ---       ----       -------
                  Normal   Created           9m30s     scheduler  created
                  Warning  FailedScheduling  60s (x3)  scheduler  0/1 nodes available
                """).doesNotContain("last-applied");
    }

    @Test
    void anObjectWithoutEventsSaysSo() {
        ApiObject cm = Codec.readManifests("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\n"
                + "data: {k: v}\n", "t").get(0).object();
        assertThat(Describer.describe(cm, List.of(), NOW)).isEqualTo("""
                Name:         c
                Namespace:    default
                Labels:       <none>
                Annotations:  <none>
                Data:
                  k: v
                Events:       <none>
                """);
    }

    private static Event event(String name, String type, String reason, String message, int count, String time) {
        Instant at = Instant.parse("2026-11-25T" + time + "Z");
        Event e = (Event) Codec.readManifests("apiVersion: v1\nkind: Event\nmetadata: {name: " + name
                + ", namespace: default}\ninvolvedObject: {kind: Pod, name: web-1, namespace: default}\n"
                + "source: {component: scheduler}\n", "t").get(0).object();
        return new Event(e.apiVersion(), e.kind(), e.metadata(), e.involvedObject(), reason, message, e.source(), at, at,
                count, type, null, null, null, null);
    }
}
