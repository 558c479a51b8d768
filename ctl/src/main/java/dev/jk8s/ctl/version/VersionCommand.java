package dev.jk8s.ctl.version;

import dev.jk8s.client.ServerVersion;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jctl version [--client]}: the client's version, then the apiserver's, as kubectl prints
 * them. The client line comes first, so it is printed even when the server cannot be reached
 * (which then fails the command, as kubectl does).
 */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the client and server versions.")
public final class VersionCommand extends CtlCommand {

    @Option(names = "--client", description = "Only the client version; do not contact the apiserver.")
    boolean clientOnly;

    @Override
    protected int run(Context ctx) {
        ctx.out().println("Client Version: " + Main.clientVersion());
        if (clientOnly) {
            return ExitCodes.OK;
        }
        ctx.out().flush();
        ServerVersion server = ctx.clients().serverVersion();
        ctx.out().println("Server Version: " + server.version() + " (Java " + server.javaVersion() + ", "
                + server.platform() + ")");
        return ExitCodes.OK;
    }
}
