package dev.jk8s.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks TCP ports on 127.0.0.1 that nothing listens on, for servers a test starts.
 *
 * <p>Ports come from 20000–32767, below Linux's default ephemeral range (32768–60999) from which
 * the kernel assigns the local ports of outgoing connections and of {@code bind(0)}. A port picked
 * here is therefore unlikely to be taken between the pick and the server's own bind, and stays
 * usable when a test stops a server and starts it again on the same port. Within one JVM no port
 * is handed out twice; across JVMs, the random start makes a clash unlikely, not impossible, so a
 * server that fails to bind should pick again (as {@link EtcdServer} does).
 *
 * <p>Thread-safe.
 */
public final class FreePorts {

    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_767;

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /**
     * Returns a port that was free on 127.0.0.1 a moment ago and that this JVM has not handed out.
     *
     * @throws IllegalStateException if no port in the range is free
     */
    public static int pick() {
        int span = HIGHEST - LOWEST + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = LOWEST + (start + i) % span;
            if (isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException(
                "no free TCP port on 127.0.0.1 in " + LOWEST + "-" + HIGHEST + ": stop leftover test servers");
    }

    /** Returns whether a server could bind 127.0.0.1:{@code port} right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
