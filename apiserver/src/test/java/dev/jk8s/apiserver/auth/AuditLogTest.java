package dev.jk8s.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    static AuditEvent event(int i) {
        return new AuditEvent("2026-12-05T00:00:00Z", "alice", "get", "pods", "shop", "web-" + i, "OK");
    }

    @Test
    void eachEventIsOneJsonLineWithTheIssuesFields() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = AuditLog.open(file, 1024 * 1024, 3)) {
            log.record(new AuditEvent("2026-12-05T00:00:00Z", "system:node:n1", "update", "pods/status", "shop", "web", "Forbidden"));
            log.record(new AuditEvent("2026-12-05T00:00:01Z", "admin", "list", "nodes", null, null, "OK"));
        }
        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"time\":\"2026-12-05T00:00:00Z\",\"user\":\"system:node:n1\",\"verb\":\"update\",\"resource\":\"pods/status\","
                        + "\"namespace\":\"shop\",\"name\":\"web\",\"result\":\"Forbidden\"}",
                "{\"time\":\"2026-12-05T00:00:01Z\",\"user\":\"admin\",\"verb\":\"list\",\"resource\":\"nodes\",\"namespace\":\"\","
                        + "\"name\":\"\",\"result\":\"OK\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void pastItsSizeTheLogIsRotatedKeepingAtMostTheBackupsAsked() throws Exception {
        Path file = dir.resolve("audit.log");
        int lineLength = ("{\"time\":\"2026-12-05T00:00:00Z\",\"user\":\"alice\",\"verb\":\"get\",\"resource\":\"pods\",\"namespace\":\"shop\","
                + "\"name\":\"web-0\",\"result\":\"OK\"}\n").length();
        try (AuditLog log = AuditLog.open(file, 3L * lineLength, 2)) {
            for (int i = 0; i < 10; i++) {
                log.record(event(i));
            }
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("audit.log", "audit.log.1", "audit.log.2");
        }
        assertThat(names(file)).containsExactly("web-9");
        assertThat(names(dir.resolve("audit.log.1"))).containsExactly("web-6", "web-7", "web-8");
        assertThat(names(dir.resolve("audit.log.2"))).containsExactly("web-3", "web-4", "web-5");
    }

    @Test
    void reopeningAppendsToTheSameFile() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = AuditLog.open(file, 1024 * 1024, 1)) {
            log.record(event(1));
        }
        try (AuditLog log = AuditLog.open(file, 1024 * 1024, 1)) {
            log.record(event(2));
        }
        assertThat(names(file)).containsExactly("web-1", "web-2");
    }

    private static List<String> names(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> l.replaceAll(".*\"name\":\"([^\"]*)\".*", "$1")).toList();
    }
}
