package dev.jk8s.kubelet.probe;

/** The three probes a container may have; {@link #label()} starts the messages of its events. */
public enum ProbeType {
    LIVENESS("Liveness"),
    READINESS("Readiness"),
    STARTUP("Startup");

    private final String label;

    ProbeType(String label) {
        this.label = label;
    }

    /** {@code Liveness}, {@code Readiness} or {@code Startup}, as in {@code Liveness probe failed: ...}. */
    public String label() {
        return label;
    }
}
