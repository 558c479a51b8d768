package dev.jk8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock is between processes, so the holder here is a second JVM running a one-file program
 * ({@code flock(1)} would not do: Java locks with fcntl, which ignores flock's locks).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostLockTest {

    @TempDir
    Path dir;

    @Test
    void theFirstHoldsTheLockAndWritesItsPid() throws Exception {
        Path file = dir.resolve("proxy.lock");
        try (HostLock lock = HostLock.acquire(file, "127.0.0.1:6443", holder -> {
            throw new AssertionError("nobody held it");
        })) {
            assertThat(HostLock.holder(file)).isEqualTo(ProcessHandle.current().pid() + " 127.0.0.1:6443");
        }
    }

    @Test
    void anotherWaitsWhileAProcessHoldsItAndTakesOverWhenItExits() throws Exception {
        Path file = dir.resolve("proxy.lock");
        Files.writeString(file, "4242");
        Path program = dir.resolve("Hold.java");
        Files.writeString(program, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                class Hold {
                    public static void main(String[] a) throws Exception {
                        FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE);
                        c.lock();
                        System.out.println("locked");
                        System.in.read(); // holds the lock until killed (or its input closes)
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(List.of(java.toString(), program.toString(), file.toString())).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("locked");
            AtomicReference<String> told = new AtomicReference<>();
            // told it must wait: kill the holder with SIGKILL, and the kernel releases its lock
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                await().atMost(Duration.ofSeconds(10)).until(() -> told.get() != null);
                holder.destroyForcibly();
            });

            assertThat(HostLock.tryAcquire(file, "127.0.0.1:6443")).isEmpty();
            try (HostLock lock = HostLock.acquire(file, "127.0.0.1:6443", told::set)) {
                assertThat(told.get()).isEqualTo("4242");
                assertThat(holder.waitFor(5, TimeUnit.SECONDS)).isTrue(); // it got the lock only once the holder died
            }
            killer.get(10, TimeUnit.SECONDS); // rethrows what went wrong there
        } finally {
            holder.destroyForcibly();
        }
    }
}
