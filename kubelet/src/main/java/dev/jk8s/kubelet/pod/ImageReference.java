package dev.jk8s.kubelet.pod;

/**
 * The registry an image reference names, as Docker reads it: the first path component when it
 * has a dot or a port or is {@code localhost} ({@code 127.0.0.1:5000/app:1}), else Docker Hub
 * ({@code nginx:1.25} → {@code docker.io}).
 */
record ImageReference(String registry) {

    static ImageReference parse(String image) {
        int slash = image.indexOf('/');
        if (slash > 0) {
            String first = image.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return new ImageReference(first);
            }
        }
        return new ImageReference("docker.io");
    }

    /** Whether the registry is on this host: {@code localhost} or an address in 127.0.0.0/8, any port. */
    boolean isLoopback() {
        String host = registry.startsWith("[") ? registry.substring(0, registry.indexOf(']') + 1)
                : registry.contains(":") ? registry.substring(0, registry.indexOf(':')) : registry;
        return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
    }
}
