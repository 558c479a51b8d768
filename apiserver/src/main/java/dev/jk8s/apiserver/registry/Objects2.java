package dev.jk8s.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;

/**
 * Generic operations on any kind's spec and status, through the one JSON mapping, so that the
 * registry needs no per-kind code to keep status out of updates or spec out of status updates.
 */
final class Objects2 {

    private Objects2() {
    }

    /** The object with the status of {@code statusFrom} (null: no status). */
    @SuppressWarnings("unchecked")
    static <T extends ApiObject> T withStatusOf(T object, ApiObject statusFrom) {
        ObjectNode tree = Codec.toTree(object);
        JsonNode status = statusFrom == null ? null : Codec.toTree(statusFrom).get("status");
        if (status == null) {
            tree.remove("status");
        } else {
            tree.set("status", status);
        }
        return (T) Codec.fromTree(tree);
    }

    static <T extends ApiObject> T withoutStatus(T object) {
        return withStatusOf(object, null);
    }

    /** Whether anything besides metadata and status differs: what bumps metadata.generation. */
    static boolean specChanged(ApiObject a, ApiObject b) {
        ObjectNode ta = Codec.toTree(a);
        ObjectNode tb = Codec.toTree(b);
        ta.remove("metadata");
        ta.remove("status");
        tb.remove("metadata");
        tb.remove("status");
        return !ta.equals(tb);
    }

    /** Whether the two are the same apart from resourceVersion: an update that changes nothing. */
    static boolean sameIgnoringRevision(ApiObject a, ApiObject b) {
        ObjectNode ta = Codec.toTree(a.withMetadata(a.metadata().withResourceVersion(null)));
        ObjectNode tb = Codec.toTree(b.withMetadata(b.metadata().withResourceVersion(null)));
        return ta.equals(tb);
    }
}
