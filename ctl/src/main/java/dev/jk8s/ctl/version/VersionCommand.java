package dev.jk8s.ctl.version;

import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.Main;
import picocli.CommandLine.Command;

/**
 * {@code jctl version}: the client's version. The apiserver has no version call (its gRPC
 * service serves objects only), so unlike kubectl there is no "Server Version" line and the
 * command never connects.
 */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the client version (the apiserver does not report its own).")
public final class VersionCommand extends CtlCommand {

    @Override
    protected int run(Context ctx) {
        ctx.out().println("Client Version: " + Main.clientVersion());
        return ExitCodes.OK;
    }
}
