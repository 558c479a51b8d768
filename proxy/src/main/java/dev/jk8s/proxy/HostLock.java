package dev.jk8s.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One proxy per host programs the kernel. Nodes that share a host share its kernel, so their
 * proxies would write the same chains (or bind the same cluster IPs): the first to lock this file
 * routes, the others wait on the lock and take over when it is released, which the kernel does
 * when the holder exits, even by SIGKILL. The holder writes its pid and the apiserver it watches
 * into the file ({@code "1234 127.0.0.1:6443"}), for the others' messages and health. Keep the instance reachable: the JDK closes an unreachable channel, releasing its lock.
 * Not thread-safe; one per process.
 */
public final class HostLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code file}, waiting while another process holds it.
     *
     * @param apiserver written beside this process's pid once it holds the lock
     * @param waiting   told what the holder wrote ({@code "<pid> <apiserver>"}) once, if this has to wait
     * @throws java.nio.channels.ClosedByInterruptException when interrupted while waiting
     */
    public static HostLock acquire(Path file, String apiserver, Consumer<String> waiting) throws IOException {
        FileChannel channel = open(file);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                waiting.accept(holder(file));
                lock = channel.lock();
            }
            return held(channel, lock, apiserver);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Locks {@code file} if nobody holds it; otherwise empty, and {@link #holder} says who does. */
    public static Optional<HostLock> tryAcquire(Path file, String apiserver) throws IOException {
        FileChannel channel = open(file);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(held(channel, lock, apiserver));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** What the holder wrote: {@code "<pid> <apiserver>"}. */
    public static String holder(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static HostLock held(FileChannel channel, FileLock lock, String apiserver) throws IOException {
        channel.truncate(0);
        String line = ProcessHandle.current().pid() + " " + apiserver;
        channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), 0);
        return new HostLock(channel, lock);
    }

    /** The default: {@code /run/lock/jk8s-proxy.lock} where it may be written (root), else in the temporary directory. */
    public static Path defaultFile() {
        Path run = Path.of("/run/lock");
        return Files.isDirectory(run) && Files.isWritable(run) ? run.resolve("jk8s-proxy.lock")
                : Path.of(System.getProperty("java.io.tmpdir"), "jk8s-proxy-" + System.getProperty("user.name") + ".lock");
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
