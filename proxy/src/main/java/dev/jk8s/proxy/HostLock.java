package dev.jk8s.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * One proxy per host programs the kernel. Nodes that share a host share its kernel, so their
 * proxies would write the same chains (or bind the same cluster IPs): the first to lock this file
 * routes, the others wait on the lock and take over when it is released, which the kernel does
 * when the holder exits, even by SIGKILL. The holder writes its pid into the file for the others'
 * messages. Keep the instance reachable: the JDK closes an unreachable channel, releasing its lock.
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
     * @param waiting told the holder's pid (as the file says) once, if this has to wait
     * @throws java.nio.channels.ClosedByInterruptException when interrupted while waiting
     */
    public static HostLock acquire(Path file, Consumer<String> waiting) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                waiting.accept(Files.readString(file, StandardCharsets.UTF_8).strip());
                lock = channel.lock();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new HostLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
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
