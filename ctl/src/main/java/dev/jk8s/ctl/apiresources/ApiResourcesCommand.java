package dev.jk8s.ctl.apiresources;

import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code jctl api-resources}: the kinds jctl knows ({@link Kinds#all()}), as kubectl's table
 * NAME SHORTNAMES APIVERSION NAMESPACED KIND, sorted by name. jctl and the apiserver share the
 * api module, so this needs no server.
 */
@Command(name = "api-resources", mixinStandardHelpOptions = true,
        description = "List the kinds of objects: names to type, API version, scope.")
public final class ApiResourcesCommand extends CtlCommand {

    static final List<String> HEADER = List.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");

    @Override
    protected int run(Context ctx) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        Kinds.all().stream().sorted(Comparator.comparing(Kind::resource)).forEach(k -> rows.add(row(k)));
        print(ctx.out(), rows);
        return ExitCodes.OK;
    }

    private static List<String> row(Kind<?> k) {
        return List.of(k.resource(), String.join(",", k.shortNames()), k.apiVersion(), Boolean.toString(k.namespaced()),
                k.kind());
    }

    /** kubectl's layout: each column as wide as its widest cell, three spaces apart, no trailing blanks. */
    static void print(PrintStream out, List<List<String>> rows) {
        int[] widths = new int[HEADER.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + (widths[i] + 3) + "s", r.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
