package dev.jk8s.api.validation;

/**
 * A field path in Kubernetes' notation: {@code spec.template.spec.containers[0].ports[1].containerPort}.
 * Immutable; {@link #ROOT} is the empty path. A path is a parent and one step; its text is built
 * only when asked for, because validation makes a path for every field it visits and needs the
 * text only for the (rare) field that is wrong.
 */
public final class Path {

    public static final Path ROOT = new Path(null, "");

    private final Path parent;
    /** ".field", "[0]" or "[key]"; the root's is empty. */
    private final String step;

    private Path(Path parent, String step) {
        this.parent = parent;
        this.step = step;
    }

    public static Path of(String field) {
        return ROOT.child(field);
    }

    public Path child(String field) {
        return new Path(this, "." + field);
    }

    public Path index(int i) {
        return new Path(this, "[" + i + "]");
    }

    public Path key(String key) {
        return new Path(this, "[" + key + "]");
    }

    /** The path as Kubernetes prints it, without a leading dot. */
    public String text() {
        StringBuilder out = new StringBuilder();
        append(out);
        return out.length() > 0 && out.charAt(0) == '.' ? out.substring(1) : out.toString();
    }

    private void append(StringBuilder out) {
        if (parent != null) {
            parent.append(out);
        }
        out.append(step);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path p && p.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
