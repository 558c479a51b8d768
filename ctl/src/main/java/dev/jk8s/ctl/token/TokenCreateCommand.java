package dev.jk8s.ctl.token;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.auth.BootstrapToken;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.Durations;
import dev.jk8s.ctl.ExitCodes;
import java.security.SecureRandom;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jctl token create [--ttl 24h] [--description TEXT]}: a new bootstrap token, printed once
 * on stdout; the cluster keeps only its hash (in the Secret {@code kube-system/bootstrap-token-<id>}).
 * A kubelet joins with it ({@code kubelet --bootstrap-token-file FILE}) until it expires.
 */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a bootstrap token and print it.")
public final class TokenCreateCommand extends CtlCommand {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = "--ttl", defaultValue = "24h", converter = Durations.Converter.class,
            description = "How long the token is valid, e.g. 30m, 1h (default: ${DEFAULT-VALUE}, as kubeadm's).")
    Duration ttl;

    @Option(names = "--description", description = "What the token is for, shown by jctl token list.")
    String description;

    @Override
    protected int run(Context ctx) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw usage("--ttl must be more than 0 (a token that never expires is not offered)");
        }
        String token = BootstrapToken.generate(RANDOM);
        ctx.client(Kinds.SECRET).create(BootstrapToken.secret(token, ctx.clock().instant().plus(ttl), description), false);
        ctx.out().println(token);
        return ExitCodes.OK;
    }
}
