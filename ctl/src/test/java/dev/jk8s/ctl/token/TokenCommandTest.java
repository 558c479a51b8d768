package dev.jk8s.ctl.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.auth.BootstrapToken;
import dev.jk8s.api.auth.TokenHash;
import dev.jk8s.api.core.Secret;
import dev.jk8s.client.ListOptions;
import dev.jk8s.ctl.Jctl;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenCommandTest {

    private final Jctl jctl = new Jctl();

    @Test
    void createPrintsATokenOnceAndStoresOnlyItsHashUntilTheTtlEnds() {
        Jctl.Result r = jctl.run("token", "create", "--ttl", "1h", "--description", "for node-3");

        assertThat(r.exit()).isZero();
        String token = r.out().strip();
        assertThat(token).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
        Secret stored = jctl.clients.of(Kinds.SECRET).get("kube-system", "bootstrap-token-" + token.substring(0, 6));
        BootstrapToken t = BootstrapToken.of(stored).orElseThrow();
        assertThat(t.secretHash()).isEqualTo(TokenHash.of(token.substring(7)));
        assertThat(stored.data().values()).noneMatch(v -> new String(java.util.Base64.getDecoder().decode(v)).contains(token.substring(7)));
        assertThat(t.expiration()).isEqualTo(Jctl.NOW.plus(Duration.ofHours(1)));
        assertThat(t.accepts(token.substring(7), Jctl.NOW)).isTrue();
        assertThat(t.accepts(token.substring(7), Jctl.NOW.plus(Duration.ofHours(1)))).isFalse();
        assertThat(t.description()).isEqualTo("for node-3");
    }

    @Test
    void listShowsIdsAndTimeLeftAndDeleteRevokes() {
        String token = jctl.run("token", "create", "--ttl", "90m").out().strip();
        String id = token.substring(0, 6);

        assertThat(jctl.run("token", "list").out()).isEqualTo(String.format("%-8s %-9s %-22s %s%n", "ID", "TTL", "EXPIRES", "DESCRIPTION")
                + String.format("%-8s %-9s %-22s %s%n", id, "90m", Jctl.NOW.plus(Duration.ofMinutes(90)), "<none>"));
        assertThat(jctl.run("token", "delete", token)).isEqualTo(new Jctl.Result(0, "bootstrap token \"" + id + "\" deleted\n", ""));
        assertThat(jctl.clients.of(Kinds.SECRET).list("kube-system", ListOptions.DEFAULT).items()).isEmpty();
        assertThat(jctl.run("token", "delete", id)).isEqualTo(new Jctl.Result(1, "",
                "error: bootstrap token \"" + id + "\" not found; jctl token list shows the ids\n"));
    }

    @Test
    void aTtlOfZeroIsRefused() {
        Jctl.Result r = jctl.run("token", "create", "--ttl", "0s");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --ttl must be more than 0");
    }
}
