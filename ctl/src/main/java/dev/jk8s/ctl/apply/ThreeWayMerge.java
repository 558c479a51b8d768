package dev.jk8s.ctl.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kubectl apply's three-way merge on JSON trees: the new object is the live one with the
 * manifest's fields applied, minus the fields that the last applied manifest had and the new
 * one no longer has. Fields nobody declared (set by the server, controllers or other users)
 * are kept.
 *
 * <p>Objects merge key by key, recursively. Lists and scalars are replaced whole: this is
 * JSON merge patch semantics, simpler than kubectl's strategic merge, which merges lists of
 * objects by a key (containers by {@code name}, ports by {@code containerPort}). So a list is
 * always the manifest's list: an entry someone else added to it is dropped on the next apply.
 * A {@code null} in the manifest removes the field, as in a merge patch.
 *
 * <p>A pure function: the arguments are never modified.
 */
public final class ThreeWayMerge {

    private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

    private ThreeWayMerge() {
    }

    /**
     * @param live        the object as stored
     * @param lastApplied the manifest applied last time, or null when there is none
     * @param desired     the manifest applied now
     * @return a new tree: {@code live} changed as described above
     */
    public static ObjectNode merge(ObjectNode live, ObjectNode lastApplied, ObjectNode desired) {
        ObjectNode result = live.deepCopy();
        mergeInto(result, lastApplied == null ? EMPTY : lastApplied, desired);
        return result;
    }

    private static void mergeInto(ObjectNode target, ObjectNode last, ObjectNode desired) {
        for (String field : names(last)) {
            if (!desired.has(field)) {
                target.remove(field);
            }
        }
        for (Map.Entry<String, JsonNode> e : desired.properties()) {
            apply(target, e.getKey(), objectOrEmpty(last.get(e.getKey())), e.getValue());
        }
    }

    private static void apply(ObjectNode target, String field, ObjectNode last, JsonNode want) {
        JsonNode have = target.get(field);
        if (want.isNull()) {
            target.remove(field);
        } else if (want.isObject() && have != null && have.isObject()) {
            mergeInto((ObjectNode) have, last, (ObjectNode) want);
        } else {
            target.set(field, want.deepCopy());
        }
    }

    private static ObjectNode objectOrEmpty(JsonNode node) {
        return node != null && node.isObject() ? (ObjectNode) node : EMPTY;
    }

    private static List<String> names(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
