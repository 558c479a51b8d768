package dev.jk8s.api.validation;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.Kind;
import dev.jk8s.api.ObjectMeta;
import java.util.List;
import java.util.Map;

/** Checks ObjectMeta the same way for every kind. */
public final class MetaValidation {

    /** Kubernetes' limit on the total size of annotations. */
    public static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

    private static final Path META = Path.of("metadata");

    private MetaValidation() {
    }

    public static List<FieldError> validate(ObjectMeta meta, Kind<?> kind) {
        Errors errs = new Errors();
        if (meta == null) {
            errs.add(META, "Required value");
            return errs.list();
        }
        name(errs, meta, kind);
        namespace(errs, meta, kind);
        LabelValidation.labels(errs, META.child("labels"), meta.labels());
        annotations(errs, meta.annotations());
        return errs.list();
    }

    private static void name(Errors errs, ObjectMeta meta, Kind<?> kind) {
        Path path = META.child("name");
        if (meta.name() == null || meta.name().isEmpty()) {
            errs.add(path, "Required value: name or generateName is required");
        } else if (kind.dnsLabelNames()) {
            errs.dnsLabel(path, meta.name());
        } else if (kind.pathSegmentNames()) {
            Names.pathSegmentNameError(meta.name()).ifPresent(why -> errs.invalid(path, meta.name(), why));
        } else {
            errs.dnsSubdomain(path, meta.name());
        }
    }

    private static void namespace(Errors errs, ObjectMeta meta, Kind<?> kind) {
        Path path = META.child("namespace");
        boolean hasNamespace = meta.namespace() != null && !meta.namespace().isEmpty();
        if (kind.namespaced() && !hasNamespace) {
            errs.add(path, "Required value");
        } else if (kind.namespaced()) {
            errs.dnsLabel(path, meta.namespace());
        } else if (hasNamespace) {
            errs.add(path, "Forbidden: not allowed on this type; " + kind.resource() + " are cluster-scoped");
        }
    }

    private static void annotations(Errors errs, Map<String, String> annotations) {
        Path path = META.child("annotations");
        long size = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            Names.qualifiedNameError(e.getKey()).ifPresent(why -> errs.invalid(path, e.getKey(), why));
            size += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length());
        }
        if (size > MAX_ANNOTATIONS_BYTES) {
            errs.add(path, "Too long: must have at most " + MAX_ANNOTATIONS_BYTES + " bytes");
        }
    }
}
