package dev.jk8s.ctl.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.core.Event;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.rbac.ClusterRole;
import dev.jk8s.api.rbac.ClusterRoleBinding;
import dev.jk8s.api.rbac.Role;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.ctl.get.Age;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of {@code jctl describe}: who the object is; what it asks for and what was observed
 * (for pods, deployments, nodes and the RBAC kinds a summary laid out as kubectl's, for other kinds their spec
 * and status as YAML); its conditions as a table; and what happened to it (its events, oldest
 * first). A pure function of the object, its events and the time, so its output is tested exactly.
 * Where an object is stuck, its containers' waiting reasons, its conditions and its events say why.
 */
public final class Describer {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private Describer() {
    }

    public static String describe(ApiObject object, List<Event> events, Instant now) {
        DescribeText out = new DescribeText();
        meta(out, object.metadata(), now);
        ObjectNode tree = Codec.toTree(object);
        if (object instanceof Pod pod) {
            PodDescription.write(out, pod);
        } else if (object instanceof Deployment d) {
            DeploymentDescription.write(out, d);
        } else if (object instanceof Node node) {
            NodeDescription.write(out, node);
        } else if (object instanceof Role role) {
            RbacDescription.rules(out, role.rules());
        } else if (object instanceof ClusterRole role) {
            RbacDescription.rules(out, role.rules());
        } else if (object instanceof RoleBinding b) {
            RbacDescription.binding(out, b.roleRef(), b.subjects());
        } else if (object instanceof ClusterRoleBinding b) {
            RbacDescription.binding(out, b.roleRef(), b.subjects());
        } else {
            specAndStatus(out, tree);
        }
        conditions(out, tree.path("status").path("conditions"));
        events(out, events, now);
        return out.toString();
    }

    private static void meta(DescribeText out, ObjectMeta m, Instant now) {
        out.field("Name", m.name());
        if (m.namespace() != null) {
            out.field("Namespace", m.namespace());
        }
        out.pairs(0, DescribeText.WIDTH, "Labels", m.labels());
        Map<String, String> annotations = new TreeMap<>(m.annotations());
        annotations.remove(LAST_APPLIED);
        annotations.remove(dev.jk8s.api.core.Pod.NODE_VERDICTS_ANNOTATION); // a pod's describe shows them as Node Verdicts
        out.pairs(0, DescribeText.WIDTH, "Annotations", annotations);
        if (m.creationTimestamp() != null) {
            out.field("Created", m.creationTimestamp() + " (" + Age.since(m.creationTimestamp(), now) + " ago)");
        }
        if (m.deletionTimestamp() != null) {
            out.field("Terminating", "since " + m.deletionTimestamp() + " (grace period "
                    + (m.deletionGracePeriodSeconds() == null ? 0 : m.deletionGracePeriodSeconds()) + "s)");
        }
        if (!m.finalizers().isEmpty()) {
            out.field("Finalizers", String.join(", ", m.finalizers()));
        }
        m.controllerRef().ifPresent(r -> out.field("Controlled By", r.kind() + "/" + r.name()));
    }

    /** Spec and status (without conditions, shown as a table) as YAML, then any other top-level fields. */
    private static void specAndStatus(DescribeText out, ObjectNode tree) {
        out.yaml(0, "Spec", tree.get("spec"));
        if (tree.get("status") instanceof ObjectNode status) {
            out.yaml(0, "Status", status.deepCopy().without("conditions"));
        }
        ObjectNode rest = tree.deepCopy();
        rest.remove(List.of("apiVersion", "kind", "metadata", "spec", "status"));
        rest.fieldNames().forEachRemaining(name -> out.yaml(0, Character.toUpperCase(name.charAt(0)) + name.substring(1),
                rest.get(name)));
    }

    private static void conditions(DescribeText out, JsonNode conditions) {
        if (!conditions.isArray() || conditions.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Type", "Status", "Reason", "Message"));
        conditions.forEach(c -> rows.add(List.of(c.path("type").asText(), c.path("status").asText(),
                c.path("reason").asText(""), c.path("message").asText(""))));
        out.heading(0, "Conditions").table(rows);
    }

    private static void events(DescribeText out, List<Event> events, Instant now) {
        if (events.isEmpty()) {
            out.field("Events", null);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Type", "Reason", "Age", "From", "Message"));
        events.stream().sorted(Comparator.comparing(Describer::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(e -> rows.add(List.of(nz(e.type()), nz(e.reason()), age(e, now), from(e), nz(e.message()))));
        out.heading(0, "Events").table(rows);
    }

    private static String age(Event e, Instant now) {
        Instant last = lastSeen(e);
        String age = last == null ? "<unknown>" : Age.since(last, now);
        return e.count() != null && e.count() > 1 ? age + " (x" + e.count() + ")" : age;
    }

    private static Instant lastSeen(Event e) {
        return e.lastTimestamp() != null ? e.lastTimestamp() : e.metadata().creationTimestamp();
    }

    private static String from(Event e) {
        if (e.source() != null && e.source().component() != null) {
            return e.source().component() + (e.source().host() == null ? "" : ", " + e.source().host());
        }
        return nz(e.reportingComponent());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
