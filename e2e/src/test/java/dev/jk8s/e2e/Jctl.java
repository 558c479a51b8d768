package dev.jk8s.e2e;

import dev.jk8s.ctl.CtlConfig;
import dev.jk8s.ctl.Environment;
import dev.jk8s.ctl.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs jctl in this JVM, as a user would from a shell, against the apiserver at {@code server}. */
final class Jctl {

    /** The exit code and what jctl printed. */
    record Result(int code, String out, String err) {
    }

    private Jctl() {
    }

    static Result run(String server, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--server", server));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), environment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The process's environment without the user's jctl config (a local cluster's CA and token
     * are not for the tests' plaintext apiservers).
     */
    static Environment environment(PrintStream out, PrintStream err) {
        return Environment.system(out, err).withVariables(Map.of(CtlConfig.ENV_VAR, "/nonexistent/jk8s-test-jctl-config"));
    }
}
