package dev.jk8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which registry an image comes from, and whether it is on this host. */
class ImageReferenceTest {

    @ParameterizedTest(name = "{0} → {1}, loopback {2}")
    @CsvSource({
            "nginx, docker.io, false",
            "nginx:1.25, docker.io, false",
            "library/nginx:1.25, docker.io, false",
            "jk8s/busybox:1.0, docker.io, false",
            "127.0.0.1:5000/app:1, 127.0.0.1:5000, true",
            "127.9.8.7/app, 127.9.8.7, true",
            "localhost/app:1, localhost, true",
            "localhost:5000/team/app:1, localhost:5000, true",
            "registry.example.com/app:1, registry.example.com, false",
            "10.0.0.1:5000/app, 10.0.0.1:5000, false"})
    void registry(String image, String registry, boolean loopback) {
        ImageReference ref = ImageReference.parse(image);
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.isLoopback()).isEqualTo(loopback);
    }
}
