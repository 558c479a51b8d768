package dev.jk8s.api;

import dev.jk8s.api.validation.Validator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything the generic machinery needs to know about one kind: its names (group, version,
 * kind, lowercase plural resource, short names), its scope, its Java type, and the little
 * per-kind behaviour there is: defaults, validation and selectable fields.
 *
 * <p>Immutable. All kinds are listed in {@link Kinds}.
 */
public final class Kind<T extends ApiObject> {

    private final String group;
    private final String version;
    private final String kind;
    private final String resource;
    private final boolean namespaced;
    private final Class<T> type;
    private final List<String> shortNames;
    private final boolean hasStatus;
    private final BiFunction<T, T, T> statusCopier;
    private final boolean dnsLabelNames;
    private final boolean pathSegmentNames;
    private final UnaryOperator<T> defaulter;
    private final Validator<T> validator;
    private final Map<String, Function<T, String>> fieldSelectors;

    private Kind(Builder<T> b) {
        group = b.group;
        version = b.version;
        kind = b.kind;
        resource = b.resource;
        namespaced = b.namespaced;
        type = b.type;
        shortNames = List.copyOf(b.shortNames);
        hasStatus = b.statusCopier != null;
        statusCopier = b.statusCopier;
        dnsLabelNames = b.dnsLabelNames;
        pathSegmentNames = b.pathSegmentNames;
        defaulter = b.defaulter;
        validator = b.validator;
        Map<String, Function<T, String>> fields = new LinkedHashMap<>();
        fields.put("metadata.name", o -> o.metadata().name());
        fields.put("metadata.namespace", o -> o.metadata().namespace());
        fields.putAll(b.fieldSelectors);
        fieldSelectors = Collections.unmodifiableMap(fields);
    }

    public static <T extends ApiObject> Builder<T> builder(Class<T> type, String apiVersion, String kind, String resource) {
        return new Builder<>(type, apiVersion, kind, resource);
    }

    /** {@code apps} for Deployments, empty for the core group. */
    public String group() {
        return group;
    }

    /** {@code v1} or {@code apps/v1}, as written in manifests. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String kind() {
        return kind;
    }

    /** The lowercase plural: {@code pods}, {@code deployments}; the storage key's second segment. */
    public String resource() {
        return resource;
    }

    /** {@code deployment.apps} style name used by kubectl's messages. */
    public String qualifiedName() {
        return kind.toLowerCase() + (group.isEmpty() ? "" : "." + group);
    }

    public boolean namespaced() {
        return namespaced;
    }

    public Class<T> type() {
        return type;
    }

    public List<String> shortNames() {
        return shortNames;
    }

    /** Whether objects carry a status that only the status path may change. */
    public boolean hasStatus() {
        return hasStatus;
    }

    /**
     * {@code object} with the status of {@code from} (null: an empty status). Objects of kinds
     * without a status are returned as they are. This is how the registry keeps status out of
     * spec updates and spec out of status updates, without per-kind code.
     */
    public T withStatusOf(T object, T from) {
        return statusCopier == null ? object : statusCopier.apply(object, from);
    }

    /** Whether anything besides metadata and status differs: what bumps metadata.generation. */
    public boolean specDiffers(T a, T b) {
        ObjectMeta none = ObjectMeta.builder().build();
        return !withStatusOf(cast(a.withMetadata(none)), null).equals(withStatusOf(cast(b.withMetadata(none)), null));
    }

    /** Whether the names must be RFC 1123 labels (e.g. Namespace, Service) rather than subdomains. */
    public boolean dnsLabelNames() {
        return dnsLabelNames;
    }

    /**
     * Whether any name that is a valid URL path segment is allowed (RBAC kinds: {@code system:node}),
     * rather than only RFC 1123 subdomains.
     */
    public boolean pathSegmentNames() {
        return pathSegmentNames;
    }

    public T applyDefaults(T object) {
        return defaulter.apply(object);
    }

    public Validator<T> validator() {
        return validator;
    }

    /** Fields a list or watch may select on, with how to read each; metadata.name/namespace always. */
    public Map<String, Function<T, String>> fieldSelectors() {
        return fieldSelectors;
    }

    public T cast(ApiObject object) {
        return type.cast(object);
    }

    @Override
    public String toString() {
        return apiVersion() + "/" + kind;
    }

    /** Builds a {@link Kind}; only {@link Kinds} uses it. */
    public static final class Builder<T extends ApiObject> {
        private final Class<T> type;
        private final String group;
        private final String version;
        private final String kind;
        private final String resource;
        private boolean namespaced = true;
        private List<String> shortNames = List.of();
        private BiFunction<T, T, T> statusCopier;
        private boolean dnsLabelNames;
        private boolean pathSegmentNames;
        private UnaryOperator<T> defaulter = UnaryOperator.identity();
        private Validator<T> validator = Validator.none();
        private final Map<String, Function<T, String>> fieldSelectors = new LinkedHashMap<>();

        private Builder(Class<T> type, String apiVersion, String kind, String resource) {
            this.type = type;
            int slash = apiVersion.indexOf('/');
            this.group = slash < 0 ? "" : apiVersion.substring(0, slash);
            this.version = apiVersion.substring(slash + 1);
            this.kind = kind;
            this.resource = resource;
        }

        public Builder<T> clusterScoped() { namespaced = false; return this; }
        public Builder<T> shortNames(String... names) { shortNames = List.of(names); return this; }
        /** The kind has a status, read and replaced by these (the record's accessor and {@code withStatus}). */
        public <S> Builder<T> withStatus(Function<T, S> get, BiFunction<T, S, T> set) {
            statusCopier = (to, from) -> set.apply(to, from == null ? null : get.apply(from));
            return this;
        }
        public Builder<T> dnsLabelNames() { dnsLabelNames = true; return this; }
        public Builder<T> pathSegmentNames() { pathSegmentNames = true; return this; }
        public Builder<T> defaulter(UnaryOperator<T> d) { defaulter = d; return this; }
        public Builder<T> validator(Validator<T> v) { validator = v; return this; }
        public Builder<T> field(String path, Function<T, String> read) { fieldSelectors.put(path, read); return this; }

        public Kind<T> build() {
            return new Kind<>(this);
        }
    }
}
