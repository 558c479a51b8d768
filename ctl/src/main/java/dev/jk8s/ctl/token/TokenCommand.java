package dev.jk8s.ctl.token;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jctl token create|list|delete}: bootstrap tokens, with which nodes join (as kubeadm's token commands). */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage bootstrap tokens, with which nodes join.",
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenDeleteCommand.class},
        footer = {"", "Examples:", "  jctl token create --ttl 1h", "  jctl token list", "  jctl token delete abcdef"})
public final class TokenCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: a usage error listing them. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: create, list or delete");
    }
}
