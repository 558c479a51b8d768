package dev.jk8s.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void picksDistinctFreePortsBelowTheEphemeralRange() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.pick();
            assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.HIGHEST);
            assertThat(FreePorts.isFree(port)).isTrue();
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void aListeningPortIsNotFree() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThat(FreePorts.isFree(socket.getLocalPort())).isFalse();
        }
    }
}
