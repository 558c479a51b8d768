package dev.jk8s.ctl.apply;

import dev.jk8s.api.ApiException;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ErrorReporter;
import dev.jk8s.ctl.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How {@code apply} and {@code create} go through manifests: every document is tried, a failing
 * one does not stop the others, and all failures are listed at the end (exit 1). Only an
 * unreachable apiserver ends the run at once, since every later document would fail the same way.
 */
public final class ManifestRun {

    private ManifestRun() {
    }

    /** Runs {@code action} (which returns the line to print) on each document of the files. */
    public static int run(Context ctx, List<String> files, boolean recursive, String verb,
                          Function<Manifest, String> action) {
        List<Manifest> manifests = ManifestReader.read(files, recursive, ctx.in());
        if (manifests.isEmpty()) {
            throw new CtlException("no objects passed to " + verb + ": " + String.join(", ", files) + " holds no manifests");
        }
        List<String> failures = new ArrayList<>();
        for (Manifest m : manifests) {
            if (!m.ok()) {
                failures.addAll(ErrorReporter.prefixed("error: ", m.error()));
                continue;
            }
            try {
                ctx.out().println(action.apply(m));
            } catch (ApiException | CtlException e) {
                if (e instanceof ApiException api && ErrorReporter.isUnreachable(api)) {
                    throw api;
                }
                failures.addAll(ErrorReporter.prefixed("error: " + m.where() + ": ", e));
            }
        }
        ctx.out().flush();
        failures.forEach(ctx.err()::println);
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
