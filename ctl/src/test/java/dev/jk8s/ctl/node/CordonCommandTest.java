package dev.jk8s.ctl.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Node;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import org.junit.jupiter.api.Test;

class CordonCommandTest {

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<Node> nodes = jctl.clients.of(Kinds.NODE);

    {
        nodes.seed(new Node(ObjectMeta.named(null, "n1"), null));
    }

    @Test
    void cordonsAndUncordons() {
        assertThat(jctl.run("cordon", "n1")).isEqualTo(new Jctl.Result(0, "node/n1 cordoned\n", ""));
        assertThat(nodes.stored(null, "n1").spec().isUnschedulable()).isTrue();

        assertThat(jctl.run("uncordon", "n1")).isEqualTo(new Jctl.Result(0, "node/n1 uncordoned\n", ""));
        assertThat(nodes.stored(null, "n1").spec().isUnschedulable()).isFalse();
    }

    @Test
    void aNodeAlreadyInThatStateIsNotWritten() {
        jctl.run("cordon", "n1");

        assertThat(jctl.run("cordon", "n1")).isEqualTo(new Jctl.Result(0, "node/n1 already cordoned\n", ""));
        assertThat(jctl.run("uncordon", "n1").exit()).isZero();
        assertThat(jctl.run("uncordon", "n1")).isEqualTo(new Jctl.Result(0, "node/n1 already uncordoned\n", ""));
        assertThat(nodes.actions()).containsExactly("update n1", "update n1");
    }

    @Test
    void aMissingNodeIsNotFound() {
        assertThat(jctl.run("cordon", "n9")).isEqualTo(new Jctl.Result(1, "", "error: nodes \"n9\" not found\n"));
    }

    @Test
    void theNodeIsRequired() {
        assertThat(jctl.run("cordon")).isEqualTo(new Jctl.Result(ExitCodes.USAGE, "",
                "error: Missing required parameter: 'NODE'\nSee 'jctl cordon -h'\n"));
    }
}
