package dev.jk8s.proxy.iptables;

import dev.jk8s.proxy.CommandException;
import dev.jk8s.proxy.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code net.ipv4.conf.all.route_localnet}, which a node port on 127.0.0.1 needs. Turning it on
 * records the value it had in a file (once: a restarted proxy keeps the first record), and
 * {@link #restore} puts that value back and forgets it, so that {@code --cleanup} leaves the
 * host as it found it. Not thread-safe; the proxy's one caller.
 */
final class RouteLocalnet {

    static final Path DEFAULT_RECORD = Path.of("/run/jk8s-proxy/route_localnet.before");
    private static final String KEY = "net.ipv4.conf.all.route_localnet";

    private final CommandRunner commands;
    private final Path record;

    RouteLocalnet(CommandRunner commands, Path record) {
        this.commands = commands;
        this.record = record;
    }

    void enable() throws CommandException {
        if (!Files.exists(record)) {
            write(commands.run(List.of("sysctl", "-n", KEY), null).strip());
        }
        commands.run(List.of("sysctl", "-q", "-w", KEY + "=1"), null);
    }

    /** Puts back the recorded value, if there is one. Idempotent. */
    void restore() throws CommandException {
        if (!Files.exists(record)) {
            return;
        }
        try {
            String before = Files.readString(record, StandardCharsets.UTF_8).strip();
            commands.run(List.of("sysctl", "-q", "-w", KEY + "=" + before), null);
            Files.delete(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + record, e);
        }
    }

    private void write(String value) {
        try {
            Files.createDirectories(record.getParent());
            Files.writeString(record, value + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + KEY + " in " + record, e);
        }
    }
}
