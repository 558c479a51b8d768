package dev.jk8s.ctl.auth;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jctl auth can-i ...}: questions about what a user may do. */
@Command(name = "auth", mixinStandardHelpOptions = true, description = "Inspect authorization.",
        subcommands = {CanICommand.class},
        footer = {"", "Examples:", "  jctl auth can-i create deployments -n shop",
                "  jctl auth can-i list secrets -n b --as system:serviceaccount:a:default"})
public final class AuthCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: a usage error naming it. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: can-i");
    }
}
