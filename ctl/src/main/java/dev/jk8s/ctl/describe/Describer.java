package dev.jk8s.ctl.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Event;
import dev.jk8s.ctl.get.Age;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of {@code jctl describe}: who the object is, what it asks for (spec), what was
 * observed (status, conditions as a table), and what happened to it (its events, oldest first).
 * A pure function of the object, its events and the time, so its output is tested exactly.
 * Kinds get no special code yet; where an object is stuck, its conditions and events say why.
 */
public final class Describer {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private Describer() {
    }

    public static String describe(ApiObject object, List<Event> events, Instant now) {
        StringBuilder out = new StringBuilder();
        meta(out, object.metadata(), now);
        ObjectNode tree = Codec.toTree(object);
        JsonNode conditions = tree.path("status").path("conditions");
        section(out, "Spec", tree.get("spec"));
        sectionWithout(out, "Status", tree.get("status"), "conditions");
        rest(out, tree);
        conditions(out, conditions);
        events(out, events, now);
        return out.toString();
    }

    private static void meta(StringBuilder out, ObjectMeta m, Instant now) {
        field(out, "Name", m.name());
        if (m.namespace() != null) {
            field(out, "Namespace", m.namespace());
        }
        pairs(out, "Labels", m.labels());
        Map<String, String> annotations = new TreeMap<>(m.annotations());
        annotations.remove(LAST_APPLIED);
        pairs(out, "Annotations", annotations);
        if (m.creationTimestamp() != null) {
            field(out, "Created", m.creationTimestamp() + " (" + Age.since(m.creationTimestamp(), now) + " ago)");
        }
        if (m.deletionTimestamp() != null) {
            field(out, "Terminating", "since " + m.deletionTimestamp() + " (grace period "
                    + (m.deletionGracePeriodSeconds() == null ? 0 : m.deletionGracePeriodSeconds()) + "s)");
        }
        if (!m.finalizers().isEmpty()) {
            field(out, "Finalizers", String.join(", ", m.finalizers()));
        }
        m.controllerRef().ifPresent(r -> field(out, "Controlled By", r.kind() + "/" + r.name()));
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(String.format("%-14s%s%n", name + ":", value == null || value.isEmpty() ? "<none>" : value));
    }

    private static void pairs(StringBuilder out, String name, Map<String, String> values) {
        if (values.isEmpty()) {
            field(out, name, "<none>");
            return;
        }
        String pad = "";
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            out.append(String.format("%-14s%s=%s%n", pad.isEmpty() ? name + ":" : "", e.getKey(), e.getValue()));
            pad = " ";
        }
    }

    private static void section(StringBuilder out, String title, JsonNode node) {
        if (node == null || node.isEmpty()) {
            return;
        }
        out.append(title).append(":\n");
        Codec.toYaml(node).lines().forEach(l -> out.append("  ").append(l).append('\n'));
    }

    private static void sectionWithout(StringBuilder out, String title, JsonNode node, String field) {
        if (node instanceof ObjectNode o) {
            ObjectNode copy = o.deepCopy();
            copy.remove(field);
            section(out, title, copy);
        }
    }

    /** Top-level fields besides metadata, spec and status (a ConfigMap's data, an Event's message...). */
    private static void rest(StringBuilder out, ObjectNode tree) {
        ObjectNode copy = tree.deepCopy();
        copy.remove(List.of("apiVersion", "kind", "metadata", "spec", "status"));
        copy.fieldNames().forEachRemaining(name -> section(out, Character.toUpperCase(name.charAt(0)) + name.substring(1),
                copy.get(name)));
    }

    private static void conditions(StringBuilder out, JsonNode conditions) {
        if (!conditions.isArray() || conditions.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Type", "Status", "Reason", "Message"));
        conditions.forEach(c -> rows.add(List.of(c.path("type").asText(), c.path("status").asText(),
                c.path("reason").asText(""), c.path("message").asText(""))));
        out.append("Conditions:\n");
        table(out, rows);
    }

    private static void events(StringBuilder out, List<Event> events, Instant now) {
        if (events.isEmpty()) {
            out.append("Events:       <none>\n");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Type", "Reason", "Age", "From", "Message"));
        events.stream().sorted(Comparator.comparing(Describer::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(e -> rows.add(List.of(nz(e.type()), nz(e.reason()), age(e, now), from(e), nz(e.message()))));
        out.append("Events:\n");
        table(out, rows);
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

    /** A header, its underline, then the rows, in columns two spaces apart (as kubectl describe). */
    private static void table(StringBuilder out, List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        line(out, rows.get(0), widths);
        line(out, underline(rows.get(0)), widths);
        rows.subList(1, rows.size()).forEach(r -> line(out, r, widths));
    }

    private static List<String> underline(List<String> header) {
        return header.stream().map(h -> "-".repeat(h.length())).toList();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder l = new StringBuilder("  ");
        for (int i = 0; i < cells.size(); i++) {
            l.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + (widths[i] + 2) + "s", cells.get(i)));
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}
