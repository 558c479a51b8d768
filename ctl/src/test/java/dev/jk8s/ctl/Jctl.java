package dev.jk8s.ctl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs jctl in-process against {@link FakeClients}, with no config file and a fixed clock. */
public final class Jctl {

    /** The fixed "now" of every run: 90 seconds after {@link FakeKindClient#CREATED}. */
    public static final Instant NOW = FakeKindClient.CREATED.plusSeconds(90);

    /** What one run printed and returned. */
    public record Result(int exit, String out, String err) {
    }

    public final FakeClients clients = new FakeClients();
    private String stdin = "";

    public Jctl stdin(String text) {
        stdin = text;
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment env = new Environment(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(CtlConfig.ENV_VAR, "/nonexistent/jctl-config"), server -> clients,
                Clock.fixed(NOW, ZoneOffset.UTC));
        int exit = Main.run(args, env);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
