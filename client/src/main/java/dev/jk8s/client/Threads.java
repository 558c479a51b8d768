package dev.jk8s.client;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for components' pools. */
public final class Threads {

    private Threads() {
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2} ...: a pool never keeps a stopping process alive. */
    public static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
