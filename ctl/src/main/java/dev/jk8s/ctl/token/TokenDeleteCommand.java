package dev.jk8s.ctl.token;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.auth.BootstrapToken;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.ExitCodes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jctl token delete ID|TOKEN...}: revokes bootstrap tokens at once (nodes that joined with
 * them keep their own credentials).
 */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete bootstrap tokens, by id or whole token.")
public final class TokenDeleteCommand extends CtlCommand {

    @Parameters(arity = "1..*", paramLabel = "ID", description = "The token's id (the part before the dot) or the whole token.")
    List<String> ids;

    @Override
    protected int run(Context ctx) {
        for (String idOrToken : ids) {
            String id = idOrToken.contains(".") ? idOrToken.substring(0, idOrToken.indexOf('.')) : idOrToken;
            try {
                ctx.client(Kinds.SECRET).delete(BootstrapToken.NAMESPACE, BootstrapToken.NAME_PREFIX + id, DeleteOptions.DEFAULT);
            } catch (ApiException e) {
                if (ApiException.isNotFound(e)) {
                    throw new CtlException("bootstrap token \"" + id + "\" not found; jctl token list shows the ids");
                }
                throw e;
            }
            ctx.out().println("bootstrap token \"" + id + "\" deleted");
        }
        return ExitCodes.OK;
    }
}
