package dev.jk8s.ctl.token;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.auth.BootstrapToken;
import dev.jk8s.client.ListOptions;
import dev.jk8s.ctl.Context;
import dev.jk8s.ctl.CtlCommand;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.get.Age;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code jctl token list}: the bootstrap tokens, as kubeadm lists them ({@code ID TTL EXPIRES
 * DESCRIPTION}; TTL as kubectl's ages, {@code 59m}, {@code 23h}); the secret parts are not known
 * to the cluster, so only ids are shown.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the bootstrap tokens (their ids).")
public final class TokenListCommand extends CtlCommand {

    @Override
    protected int run(Context ctx) {
        List<BootstrapToken> tokens = ctx.client(Kinds.SECRET).list(BootstrapToken.NAMESPACE, ListOptions.DEFAULT).items().stream()
                .map(BootstrapToken::of).flatMap(java.util.Optional::stream).toList();
        if (tokens.isEmpty()) {
            ctx.err().println("No bootstrap tokens; create one with jctl token create");
            return ExitCodes.OK;
        }
        ctx.out().printf("%-8s %-9s %-22s %s%n", "ID", "TTL", "EXPIRES", "DESCRIPTION");
        Instant now = ctx.clock().instant();
        for (BootstrapToken t : tokens) {
            ctx.out().printf("%-8s %-9s %-22s %s%n", t.id(), ttl(t.expiration(), now),
                    t.expiration() == null ? "<invalid>" : t.expiration().truncatedTo(ChronoUnit.SECONDS).toString(),
                    t.description() == null ? "<none>" : t.description());
        }
        return ExitCodes.OK;
    }

    private static String ttl(Instant expiration, Instant now) {
        if (expiration == null) {
            return "<invalid>";
        }
        return expiration.isAfter(now) ? Age.format(Duration.between(now, expiration)) : "<expired>";
    }

}
