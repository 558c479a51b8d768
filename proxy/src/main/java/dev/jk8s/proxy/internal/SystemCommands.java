package dev.jk8s.proxy.internal;

import dev.jk8s.proxy.CommandException;
import dev.jk8s.proxy.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link CommandRunner} over {@link ProcessBuilder}. The input is written and both outputs are
 * read on this runner's own daemon threads, so that neither a full pipe nor a command that does
 * not read its input can stall the caller: one deadline covers writing, running and reading.
 */
public final class SystemCommands implements CommandRunner {

    private static final ExecutorService PIPES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "command-pipe");
        t.setDaemon(true);
        return t;
    });

    private final Duration timeout;

    public SystemCommands(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String run(List<String> argv, String stdin) throws CommandException {
        Process p = start(argv);
        Future<?> in = PIPES.submit(() -> write(p.getOutputStream(), stdin));
        Future<String> out = PIPES.submit(() -> read(p.getInputStream()));
        Future<String> err = PIPES.submit(() -> read(p.getErrorStream()));
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException();
            }
            in.get(remaining(deadline), TimeUnit.NANOSECONDS);
            String error = err.get(remaining(deadline), TimeUnit.NANOSECONDS);
            if (p.exitValue() != 0) {
                throw new CommandException(argv, p.exitValue(), error);
            }
            return out.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new CommandException(argv, -1, "no answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(argv, -1, "interrupted");
        } catch (ExecutionException e) {
            throw new CommandException(argv, -1, String.valueOf(e.getCause()));
        } finally {
            p.destroyForcibly(); // a no-op once it has exited; ends it (and so its pipes) otherwise
        }
    }

    private static Process start(List<String> argv) throws CommandException {
        try {
            return new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new CommandException(argv, -1, e.getMessage());
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static Void write(OutputStream stdin, String text) {
        try (stdin) {
            if (text != null) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command exited without reading its input; its exit code and stderr say why
        }
        return null;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
