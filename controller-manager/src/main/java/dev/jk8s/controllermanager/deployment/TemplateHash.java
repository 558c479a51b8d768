package dev.jk8s.controllermanager.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jk8s.api.Codec;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code pod-template-hash} of a Deployment's template, as Kubernetes makes it: an FNV-1a
 * hash of the template (and the collision count), its decimal digits mapped to Kubernetes'
 * alphabet of characters that cannot spell words. The template is hashed in a canonical form
 * (fields sorted), so equal templates hash equally however their maps were ordered. Pure.
 */
final class TemplateHash {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private TemplateHash() {
    }

    static String of(PodTemplateSpec template, Integer collisionCount) {
        StringBuilder canonical = new StringBuilder();
        write(Codec.toTree(new Pod(template.metadata(), template.spec())), canonical);
        if (collisionCount != null) {
            canonical.append('#').append(collisionCount);
        }
        int hash = 0x811c9dc5;
        for (byte b : canonical.toString().getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String digits = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder out = new StringBuilder();
        for (char c : digits.toCharArray()) {
            out.append(ALPHABET.charAt(c % ALPHABET.length()));
        }
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (String name : names) {
                out.append(name).append(':');
                write(node.get(name), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(e -> {
                write(e, out);
                out.append(',');
            });
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    /** The template without the hash label, as the user wrote it; for comparing a ReplicaSet's template with the Deployment's. */
    static PodTemplateSpec withoutHash(PodTemplateSpec t) {
        if (!t.metadata().labels().containsKey(DeploymentController.HASH_LABEL)) {
            return t;
        }
        Map<String, String> labels = new java.util.LinkedHashMap<>(t.metadata().labels());
        labels.remove(DeploymentController.HASH_LABEL);
        return new PodTemplateSpec(t.metadata().withLabels(labels), t.spec());
    }
}
