package dev.jk8s.api.validation;

/**
 * A field path in Kubernetes' notation: {@code spec.template.spec.containers[0].ports[1].containerPort}.
 * Immutable; {@link #ROOT} is the empty path.
 */
public record Path(String text) {

    public static final Path ROOT = new Path("");

    public static Path of(String field) {
        return ROOT.child(field);
    }

    public Path child(String field) {
        return new Path(text.isEmpty() ? field : text + "." + field);
    }

    public Path index(int i) {
        return new Path(text + "[" + i + "]");
    }

    public Path key(String key) {
        return new Path(text + "[" + key + "]");
    }

    @Override
    public String toString() {
        return text;
    }
}
