package dev.jk8s.ctl.auth;

import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.client.AccessCheck;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ExitCodes;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl auth can-i VERB RESOURCE[/SUBRESOURCE] [NAME] [-n NS | -A] [--as USER [--as-group G]...]},
 * as kubectl's: prints {@code yes} (exit 0) or {@code no} (exit 1), with the authorizer's reason
 * after {@code no - } when there is one. RESOURCE is any name of a kind ({@code pods},
 * {@code deploy}, {@code deployments.apps}), {@code TYPE/NAME}, or {@code *}.
 */
@Command(name = "can-i", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check whether an action is allowed: prints yes or no.",
        footer = {"", "Examples:", "  jctl auth can-i create pods", "  jctl auth can-i update pods/status -n shop",
                "  jctl auth can-i get secrets db-pass -n shop --as system:serviceaccount:shop:default",
                "  jctl auth can-i '*' '*' -A"})
public final class CanICommand extends CtlCommand {

    @Parameters(index = "0", paramLabel = "VERB", description = "get, list, watch, create, update, delete, or *.")
    String verb;

    @Parameters(index = "1", paramLabel = "RESOURCE", description = "A resource, RESOURCE/SUBRESOURCE or TYPE/NAME.")
    String resource;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "One object's name.")
    String name;

    @Option(names = {"-A", "--all-namespaces"}, description = "In every namespace.")
    boolean allNamespaces;

    @Option(names = "--as", paramLabel = "USER", description = "Ask about this user instead (needs the right to impersonate).")
    String asUser;

    @Option(names = "--as-group", paramLabel = "GROUP", description = "A group of --as (repeatable).")
    List<String> asGroups = List.of();

    @Override
    protected int run(Context ctx) {
        if (!asGroups.isEmpty() && asUser == null) {
            throw usage("--as-group needs --as");
        }
        String[] parts = resource.split("/", 2);
        Optional<Kind<?>> kind = parts[0].equals("*") ? Optional.empty() : Optional.of(kindOf(parts[0]));
        String plural = kind.map(Kind::resource).orElse("*");
        // pods/web is TYPE/NAME when the second part is not a subresource name of the kind
        boolean typeSlashName = parts.length == 2 && name == null && !isSubresource(parts[1]);
        String subresource = parts.length == 2 && !typeSlashName ? parts[1] : "";
        String objectName = typeSlashName ? parts[1] : name;
        boolean clusterScoped = kind.map(k -> !k.namespaced()).orElse(false);
        String namespace = allNamespaces || clusterScoped ? null : ctx.namespace();
        AccessCheck.Answer answer = ctx.clients().reviewAccess(
                new AccessCheck(verb, plural, subresource, namespace, objectName, asUser, asGroups));
        ctx.out().println(answer.allowed() ? "yes" : answer.reason().isEmpty() ? "no" : "no - " + answer.reason());
        return answer.allowed() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private static Kind<?> kindOf(String typed) {
        return Kinds.byName(typed).orElseThrow(() -> new CtlException("the server doesn't have a resource type \"" + typed
                + "\"; jctl api-resources lists them"));
    }

    /** The subresources the API has. */
    private static boolean isSubresource(String s) {
        return s.equals("status") || s.equals("log") || s.equals("*");
    }
}
