package dev.jk8s.kubelet.runtime.internal;

/** Splits an image reference for the engine's pull API, which pulls every tag when none is given. */
final class ImageReference {

    private ImageReference() {
    }

    /**
     * {@code [repository, tag]}: {@code 127.0.0.1:5000/a/b:1} → {@code [127.0.0.1:5000/a/b, 1]};
     * no tag → {@code latest}; a digest reference stays whole, with a null tag.
     */
    static String[] split(String image) {
        if (image.contains("@")) {
            return new String[] {image, null};
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            return new String[] {image.substring(0, colon), image.substring(colon + 1)};
        }
        return new String[] {image, "latest"};
    }
}
