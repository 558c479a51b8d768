package dev.jk8s.api.core;

/** {@value #ACTIVE}, or {@value #TERMINATING} once deletion has begun and objects are being removed. */
public record NamespaceStatus(String phase) {

    public static final String ACTIVE = "Active";
    public static final String TERMINATING = "Terminating";
    public static final NamespaceStatus EMPTY = new NamespaceStatus(null);
}
