package dev.jk8s.proxy.userspace;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread owning a {@link Selector}: it runs the {@link Handler} attached to each ready
 * key, the tasks other threads hand it ({@link #call}), and a periodic tick. Every channel
 * registered with the selector is touched on that thread only, so the state behind the handlers
 * needs no locks. Thread-safe ({@link #call} and {@link #close} from any thread).
 */
final class SelectorLoop implements AutoCloseable {

    /** What a key's attachment does when its channel is ready; runs on the loop's thread and handles its own I/O errors. */
    interface Handler {
        void ready(SelectionKey key);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SelectorLoop.class);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Selector selector;
    private final Runnable tick;
    private final Thread thread;
    private final Queue<FutureTask<?>> tasks = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private boolean closed; // guarded by lock: no task is queued once set
    private volatile boolean running = true;
    private long nextTick = System.nanoTime();

    /** Starts the thread {@code name}; {@code tick} runs on it about every 250 ms. */
    SelectorLoop(String name, Selector selector, Runnable tick) {
        this.selector = selector;
        this.tick = tick;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code task} on the loop's thread and waits for it. Channels it closed are closed for
     * good when this returns (a registered channel's socket is released only by a later select).
     *
     * @throws IllegalStateException when the loop is closed
     */
    <T> T call(Callable<T> task) throws Exception {
        FutureTask<T> f = new FutureTask<>(() -> {
            T result = task.call();
            selector.selectNow(this::dispatch);
            return result;
        });
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the userspace proxy's selector thread has stopped; create a new proxier");
            }
            tasks.add(f);
        }
        selector.wakeup();
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Whether the thread still runs (it stops on {@link #close} or after an error it cannot handle). */
    boolean alive() {
        return running && thread.isAlive();
    }

    /** Stops the thread, closing every channel registered with the selector. Idempotent. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select(this::dispatch, TimeUnit.NANOSECONDS.toMillis(TICK_NANOS));
                runTasks();
                tickWhenDue();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("userspace proxy: selector thread stopped, no service is served any more: {}", e.toString(), e);
        } finally {
            shutDown();
        }
    }

    private void dispatch(SelectionKey key) {
        try {
            ((Handler) key.attachment()).ready(key);
        } catch (RuntimeException e) { // a bug in one handler must not stop every service
            LOG.error("userspace proxy: closing {} after an unexpected error: {}", key.channel(), e.toString(), e);
            closeQuietly(key);
        }
    }

    private void runTasks() {
        for (FutureTask<?> t; (t = tasks.poll()) != null; ) {
            t.run();
        }
    }

    private void tickWhenDue() {
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
            nextTick = now + TICK_NANOS;
            tick.run();
        }
    }

    private void shutDown() {
        synchronized (lock) {
            closed = true;
        }
        for (FutureTask<?> t; (t = tasks.poll()) != null; ) {
            t.cancel(false); // its caller gets a CancellationException rather than waiting forever
        }
        selector.keys().forEach(SelectorLoop::closeQuietly);
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("userspace proxy: closing the selector: {}", e.toString());
        }
    }

    private static void closeQuietly(SelectionKey key) {
        try {
            key.channel().close();
        } catch (IOException e) {
            LOG.debug("userspace proxy: closing {}: {}", key.channel(), e.toString());
        }
    }
}
