package dev.jk8s.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Metadata every object has, with Kubernetes' field names and meanings.
 *
 * <p>Users set name (or generateName), namespace, labels, annotations, ownerReferences and
 * finalizers. The apiserver sets uid, resourceVersion (the etcd revision of the last write),
 * generation (bumped on every change outside metadata and status), creationTimestamp, and,
 * when deletion is requested but held back, deletionTimestamp and deletionGracePeriodSeconds.
 * Collections are never null.
 */
public record ObjectMeta(
        String name,
        String generateName,
        String namespace,
        String uid,
        String resourceVersion,
        Long generation,
        Instant creationTimestamp,
        Instant deletionTimestamp,
        Long deletionGracePeriodSeconds,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<OwnerReference> ownerReferences,
        List<String> finalizers) {

    public ObjectMeta {
        labels = Values.map(labels);
        annotations = Values.map(annotations);
        ownerReferences = Values.list(ownerReferences);
        finalizers = Values.list(finalizers);
    }

    public static ObjectMeta named(String namespace, String name) {
        return builder().namespace(namespace).name(name).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public ObjectMeta withName(String value) {
        return toBuilder().name(value).build();
    }

    public ObjectMeta withNamespace(String value) {
        return toBuilder().namespace(value).build();
    }

    public ObjectMeta withResourceVersion(String value) {
        return toBuilder().resourceVersion(value).build();
    }

    public ObjectMeta withLabels(Map<String, String> value) {
        return toBuilder().labels(value).build();
    }

    public ObjectMeta withAnnotations(Map<String, String> value) {
        return toBuilder().annotations(value).build();
    }

    public ObjectMeta withFinalizers(List<String> value) {
        return toBuilder().finalizers(value).build();
    }

    /** Returns a copy with one annotation set (or removed when {@code value} is null). */
    public ObjectMeta withAnnotation(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(annotations);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return withAnnotations(copy);
    }

    /**
     * The resourceVersion as an etcd revision; 0 when unset.
     *
     * @throws ApiException BadRequest if it is not a number the server could have issued
     */
    public long revision() {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("metadata.resourceVersion \"" + resourceVersion + "\" of \"" + name
                    + "\" is not valid: use the value the server returned, or leave it out");
        }
    }

    public boolean isTerminating() {
        return deletionTimestamp != null;
    }

    public Optional<OwnerReference> controllerRef() {
        return ownerReferences.stream().filter(OwnerReference::isController).findFirst();
    }

    /** A mutable builder; {@link #build()} makes the immutable value. */
    public static final class Builder {
        private String name;
        private String generateName;
        private String namespace;
        private String uid;
        private String resourceVersion;
        private Long generation;
        private Instant creationTimestamp;
        private Instant deletionTimestamp;
        private Long deletionGracePeriodSeconds;
        private Map<String, String> labels;
        private Map<String, String> annotations;
        private List<OwnerReference> ownerReferences;
        private List<String> finalizers;

        private Builder() {
        }

        private Builder(ObjectMeta m) {
            name = m.name;
            generateName = m.generateName;
            namespace = m.namespace;
            uid = m.uid;
            resourceVersion = m.resourceVersion;
            generation = m.generation;
            creationTimestamp = m.creationTimestamp;
            deletionTimestamp = m.deletionTimestamp;
            deletionGracePeriodSeconds = m.deletionGracePeriodSeconds;
            labels = m.labels;
            annotations = m.annotations;
            ownerReferences = m.ownerReferences;
            finalizers = m.finalizers;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder generateName(String v) { generateName = v; return this; }
        public Builder namespace(String v) { namespace = v; return this; }
        public Builder uid(String v) { uid = v; return this; }
        public Builder resourceVersion(String v) { resourceVersion = v; return this; }
        public Builder generation(Long v) { generation = v; return this; }
        public Builder creationTimestamp(Instant v) { creationTimestamp = v; return this; }
        public Builder deletionTimestamp(Instant v) { deletionTimestamp = v; return this; }
        public Builder deletionGracePeriodSeconds(Long v) { deletionGracePeriodSeconds = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder annotations(Map<String, String> v) { annotations = v; return this; }
        public Builder ownerReferences(List<OwnerReference> v) { ownerReferences = v; return this; }
        public Builder finalizers(List<String> v) { finalizers = v; return this; }

        public ObjectMeta build() {
            return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation,
                    creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations,
                    ownerReferences, finalizers);
        }
    }
}
