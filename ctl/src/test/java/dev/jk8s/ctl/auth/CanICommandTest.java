package dev.jk8s.ctl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.client.AccessCheck;
import dev.jk8s.ctl.Jctl;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanICommandTest {

    private final Jctl jctl = new Jctl();

    @Test
    void yesExitsZeroAndAsksAboutTheResourceInTheNamespace() {
        assertThat(jctl.run("auth", "can-i", "create", "deploy", "-n", "shop")).isEqualTo(new Jctl.Result(0, "yes\n", ""));
        assertThat(jctl.clients.accessChecks).containsExactly(
                new AccessCheck("create", "deployments", "", "shop", null, null, List.of()));
    }

    @Test
    void noExitsOneWithTheReasonWhenThereIsOne() {
        jctl.clients.access = c -> new AccessCheck.Answer(false, c.name() == null ? "" : "no relationship found", "x");

        assertThat(jctl.run("auth", "can-i", "list", "secrets")).isEqualTo(new Jctl.Result(1, "no\n", ""));
        assertThat(jctl.run("auth", "can-i", "get", "secrets", "db")).isEqualTo(new Jctl.Result(1, "no - no relationship found\n", ""));
    }

    @Test
    void subresourcesNamesClusterScopeAllNamespacesAndAnotherUser() {
        jctl.run("auth", "can-i", "update", "pods/status", "web", "-n", "shop");
        jctl.run("auth", "can-i", "get", "pods/web");
        jctl.run("auth", "can-i", "update", "nodes", "n1", "-n", "shop");
        jctl.run("auth", "can-i", "list", "secrets", "-A", "--as", "system:serviceaccount:a:default", "--as-group", "g1");
        jctl.run("auth", "can-i", "*", "*");

        assertThat(jctl.clients.accessChecks).containsExactly(
                new AccessCheck("update", "pods", "status", "shop", "web", null, List.of()),
                new AccessCheck("get", "pods", "", "default", "web", null, List.of()),
                new AccessCheck("update", "nodes", "", null, "n1", null, List.of()),
                new AccessCheck("list", "secrets", "", null, null, "system:serviceaccount:a:default", List.of("g1")),
                new AccessCheck("*", "*", "", "default", null, null, List.of()));
    }

    @Test
    void anUnknownResourceOrAGroupWithoutAUserIsRefused() {
        Jctl.Result unknown = jctl.run("auth", "can-i", "get", "widgets");
        Jctl.Result group = jctl.run("auth", "can-i", "get", "pods", "--as-group", "g");

        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error: the server doesn't have a resource type \"widgets\"; jctl api-resources lists them\n");
        assertThat(group.exit()).isEqualTo(2);
        assertThat(group.err()).startsWith("error: --as-group needs --as");
        assertThat(jctl.clients.accessChecks).isEmpty();
    }
}
