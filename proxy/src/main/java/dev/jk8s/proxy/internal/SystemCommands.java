package dev.jk8s.proxy.internal;

import dev.jk8s.proxy.CommandException;
import dev.jk8s.proxy.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** {@link CommandRunner} over {@link ProcessBuilder}; output is read on a second thread so that a full pipe cannot stall the command. */
public final class SystemCommands implements CommandRunner {

    private final Duration timeout;

    public SystemCommands(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String run(List<String> argv, String stdin) throws CommandException {
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new CommandException(argv, -1, e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command exited without reading its input; its exit code and stderr say why
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new CommandException(argv, -1, "no answer within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new CommandException(argv, p.exitValue(), err.get());
            }
            return out.get();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandException(argv, -1, "interrupted");
        } catch (ExecutionException e) {
            throw new CommandException(argv, -1, String.valueOf(e.getCause()));
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
