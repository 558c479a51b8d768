package dev.jk8s.client;

import java.util.concurrent.CountDownLatch;

/** Lets a component's main thread wait until the process is asked to stop (SIGTERM, SIGINT). */
public final class Shutdown {

    private Shutdown() {
    }

    /** Blocks until the JVM begins to shut down, then runs {@code onStop} on the shutdown thread. */
    public static void await(Runnable onStop) throws InterruptedException {
        CountDownLatch stopping = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            onStop.run();
            stopping.countDown();
        }, "shutdown"));
        stopping.await();
    }
}
