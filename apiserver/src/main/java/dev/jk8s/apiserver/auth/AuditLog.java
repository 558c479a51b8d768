package dev.jk8s.apiserver.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apiserver's audit log ({@code --audit-log-path}): one JSON object per line per request,
 * appended as the request completes. When the file would grow past {@code maxBytes} it is
 * rotated as Kubernetes' log backend does: {@code audit.log} becomes {@code audit.log.1}, the
 * older ones shift up, and at most {@code maxBackups} are kept. A failed write is logged once
 * per failure streak and never fails the request. Thread-safe (writes are serialised).
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final long maxBytes;
    private final int maxBackups;
    private OutputStream out;
    private long size;
    private boolean failing;

    private AuditLog(Path file, long maxBytes, int maxBackups) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.maxBackups = maxBackups;
    }

    /** No audit log (a server started without {@code --audit-log-path}). */
    public static AuditLog none() {
        return new AuditLog(null, 0, 0);
    }

    /** Appends to {@code file} (created with mode 0600 if missing), rotating past {@code maxBytes}. */
    public static AuditLog open(Path file, long maxBytes, int maxBackups) throws IOException {
        AuditLog log = new AuditLog(file, maxBytes, maxBackups);
        log.openFile();
        return log;
    }

    /** Whether events are written anywhere (callers may skip making them when not). */
    public boolean enabled() {
        return file != null;
    }

    public synchronized void record(AuditEvent event) {
        if (file == null) {
            return;
        }
        try {
            byte[] line = (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            out.write(line);
            out.flush();
            size += line.length;
            failing = false;
        } catch (IOException e) {
            if (!failing) {
                LOG.error("cannot write the audit log {}: {}; requests go on, unaudited, until it works again", file,
                        e.getMessage());
            }
            failing = true;
        }
    }

    private void rotate() throws IOException {
        out.close();
        for (int i = maxBackups - 1; i >= 1; i--) {
            Path from = backup(i);
            if (Files.exists(from)) {
                Files.move(from, backup(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (maxBackups > 0) {
            Files.move(file, backup(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        openFile();
    }

    private Path backup(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    private void openFile() throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        out = Files.newOutputStream(file, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("closing the audit log {}: {}", file, e.getMessage());
            }
        }
    }
}
