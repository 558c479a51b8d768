package dev.jk8s.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@link EtcdServer} does when etcd cannot run; no etcd needed. */
class EtcdServerTest {

    @Test
    void missingBinaryFailsAndSaysToRunSetup() {
        try (EtcdServer etcd = new EtcdServer(Path.of("/nonexistent/etcd"))) {
            assertThatThrownBy(etcd::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("etcd is not installed: /nonexistent/etcd is missing or not executable;"
                            + " run bin/setup (it installs Debian's etcd-server)");
        }
    }

    @Test
    void binaryThatExitsFailsWithItsExitCode() {
        try (EtcdServer etcd = new EtcdServer(Path.of("/bin/false"))) {
            assertThatThrownBy(etcd::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(etcd + " (/bin/false) exited with code 1 during startup; last lines of ");
            assertThat(etcd.isRunning()).isFalse();
        }
    }

    @Test
    void endpointIsLoopbackAndKnownBeforeStart() {
        try (EtcdServer etcd = new EtcdServer()) {
            assertThat(etcd.endpoint()).isEqualTo("http://127.0.0.1:" + etcd.clientPort());
            assertThat(etcd.peerPort()).isNotEqualTo(etcd.clientPort());
            assertThat(etcd.dataDir()).isNull();
        }
    }

    @Test
    void startAfterStopIsRefused() {
        EtcdServer etcd = new EtcdServer();
        etcd.stop();
        etcd.stop();
        assertThatThrownBy(etcd::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(etcd + " was stopped and its data deleted; create a new EtcdServer");
    }
}
