package dev.jk8s.ctl.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.Kind;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Decides what {@code apply} does with one manifest, given the live object: create it, update
 * it to the three-way merge ({@link ThreeWayMerge}), or leave it as it is. Pure: no I/O, the
 * arguments are never modified.
 *
 * <p>The recorded manifest ({@value #LAST_APPLIED}, compact JSON) is the manifest as written,
 * without {@code status}, without the fields only the server sets (uid, resourceVersion,
 * generation, timestamps) and without that annotation itself, so that the output of
 * {@code jctl get -o yaml} applies cleanly.
 */
public final class ApplyPlanner {

    /** Where apply records the manifest it applied; kubectl's name, so the two tools understand each other. */
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private static final List<String> SERVER_FIELDS = List.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds");
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Action { CREATE, UPDATE, UNCHANGED }

    /** What to do, and the object to send (for UNCHANGED, the live one). */
    public record Plan(Action action, ApiObject object) {
    }

    private ApplyPlanner() {
    }

    /**
     * The manifest as apply records and merges it (see above), with {@code namespace} filled
     * in for a namespaced kind that has none and removed for a cluster-scoped one.
     */
    public static ObjectNode desired(Kind<?> kind, ObjectNode manifest, String namespace) {
        ObjectNode d = manifest.deepCopy();
        d.remove("status");
        ObjectNode meta = d.withObjectProperty("metadata");
        meta.remove(SERVER_FIELDS);
        if (meta.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(LAST_APPLIED);
            if (annotations.isEmpty()) {
                meta.remove("annotations");
            }
        }
        if (!kind.namespaced()) {
            meta.remove("namespace");
        } else if (!meta.hasNonNull("namespace")) {
            meta.put("namespace", namespace);
        }
        return d;
    }

    /**
     * @param desired the result of {@link #desired}
     * @param live    the stored object, or null when there is none
     * @throws dev.jk8s.api.ApiException BadRequest when the merged object does not decode
     */
    public static Plan plan(Kind<?> kind, ObjectNode desired, ApiObject live) {
        String record = compact(desired);
        if (live == null) {
            return new Plan(Action.CREATE, Codec.fromTree(withRecord(desired.deepCopy(), record)));
        }
        ObjectNode liveTree = Codec.toTree(live);
        ObjectNode merged = withRecord(ThreeWayMerge.merge(liveTree, lastApplied(liveTree), desired), record);
        ApiObject next = Codec.fromTree(merged);
        if (Codec.toTree(defaulted(kind, next)).equals(liveTree)) {
            return new Plan(Action.UNCHANGED, live);
        }
        return new Plan(Action.UPDATE, next);
    }

    /**
     * The object as the apiserver would store it. Needed for the comparison because lists are
     * replaced whole: a manifest's container list lacks the defaults the live one has, and
     * would otherwise look changed on every apply.
     */
    private static <T extends ApiObject> T defaulted(Kind<T> kind, ApiObject object) {
        return kind.applyDefaults(kind.cast(object));
    }

    /** The manifest recorded on the object, or null when there is none or it is not a JSON object. */
    static ObjectNode lastApplied(ObjectNode liveTree) {
        JsonNode text = liveTree.path("metadata").path("annotations").path(LAST_APPLIED);
        if (!text.isTextual()) {
            return null;
        }
        try {
            JsonNode parsed = JSON.readTree(text.asText());
            return parsed instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static ObjectNode withRecord(ObjectNode tree, String record) {
        tree.withObjectProperty("metadata").withObjectProperty("annotations").put(LAST_APPLIED, record);
        return tree;
    }

    static String compact(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
