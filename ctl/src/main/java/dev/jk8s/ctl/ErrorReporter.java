package dev.jk8s.ctl;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.FieldError;
import dev.jk8s.api.Reason;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become what the user reads and the exit status (kubectl's
 * {@code CheckErr}): {@code error: <message>} on stderr, a stack trace only with {@code -v}.
 * <ul>
 *   <li>usage errors (picocli's, or a command's own {@link ParameterException}): the message,
 *       then {@code See 'jctl <cmd> -h'}; exit {@link ExitCodes#USAGE}</li>
 *   <li>an unreachable apiserver: how to check on it and start it; exit {@link ExitCodes#ERROR}</li>
 *   <li>{@link ApiException}: its message, and for Invalid each field on its own line; exit 1</li>
 *   <li>anything else: its message; exit 1</li>
 * </ul>
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    private final PrintStream err;
    private final BooleanSupplier verbose;
    private final Supplier<String> server;

    public ErrorReporter(PrintStream err, BooleanSupplier verbose, Supplier<String> server) {
        this.err = err;
        this.verbose = verbose;
        this.server = server;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        err.println("error: " + usageMessage(ex));
        err.println("See '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " -h'");
        traceIfVerbose(ex);
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        return report(ex);
    }

    /** Prints any failure as described above and returns the exit status. */
    public int report(Throwable t) {
        for (String line : lines(t, server.get())) {
            err.println(line);
        }
        traceIfVerbose(t);
        return ExitCodes.ERROR;
    }

    /** What the user reads for a failure, each line starting with {@code error: } or indented. */
    static List<String> lines(Throwable t, String server) {
        if (t instanceof ApiException api && isUnreachable(api)) {
            return List.of("error: cannot reach the apiserver at " + server
                    + ": is it running? Check with bin/cluster status, start it with bin/cluster up");
        }
        return prefixed("error: ", t);
    }

    /** {@code prefix} + the message, and for Invalid one indented line per field. */
    public static List<String> prefixed(String prefix, Throwable t) {
        if (t instanceof ApiException api) {
            return apiLines(prefix, api);
        }
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getName() : t.getMessage();
        return List.of(prefix + message);
    }

    private static List<String> apiLines(String prefix, ApiException e) {
        if (!e.is(Reason.INVALID) || e.causes().isEmpty()) {
            return List.of(prefix + e.getMessage());
        }
        // The message repeats the causes on one line; show the head once, then one field per line.
        String head = e.resource() + " \"" + e.name() + "\" is invalid";
        List<String> lines = new ArrayList<>();
        lines.add(prefix + (e.getMessage().startsWith(head) ? head + ":" : e.getMessage()));
        for (FieldError c : e.causes()) {
            lines.add("  " + c);
        }
        return lines;
    }

    /**
     * Whether the call never reached an apiserver. The client reports that as Unavailable with no
     * object and a message naming the address; an apiserver that is up but cannot reach etcd
     * answers Unavailable naming etcd, which is not this.
     */
    public static boolean isUnreachable(ApiException e) {
        return e.is(Reason.UNAVAILABLE) && e.resource().isEmpty() && e.getMessage().startsWith("the apiserver at ");
    }

    private static String usageMessage(ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        if (ex instanceof UnmatchedArgumentException u && cmd.getParent() == null && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            String message = "unknown command \"" + u.getUnmatched().get(0) + "\" for \"" + cmd.getCommandName() + "\"";
            String typed = u.getUnmatched().get(0);
            return u.getSuggestions().stream().filter(s -> s.startsWith(typed) || distance(typed, s) <= 2).findFirst()
                    .map(s -> message + "; did you mean \"" + s + "\"?").orElse(message);
        }
        return ex.getMessage();
    }

    /** Levenshtein distance: kubectl suggests commands within 2 edits. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    private void traceIfVerbose(Throwable t) {
        if (verbose.getAsBoolean()) {
            t.printStackTrace(err);
        }
    }
}
