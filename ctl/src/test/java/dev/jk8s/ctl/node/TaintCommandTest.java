package dev.jk8s.ctl.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.NodeSpec;
import dev.jk8s.api.core.Taint;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaintCommandTest {

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<Node> nodes = jctl.clients.of(Kinds.NODE);

    {
        nodes.seed(new Node(ObjectMeta.named(null, "n1"),
                NodeSpec.EMPTY.withTaints(List.of(Taint.of("dedicated", "gpu", Taint.NO_SCHEDULE)))));
    }

    @Test
    void addsTaintsWithAndWithoutValue() {
        assertThat(jctl.run("taint", "node", "n1", "zone=a:PreferNoSchedule", "maintenance:NoExecute")).isEqualTo(
                new Jctl.Result(0, "node/n1 tainted\n", ""));
        assertThat(taints()).containsExactly(Taint.of("dedicated", "gpu", Taint.NO_SCHEDULE),
                Taint.of("zone", "a", Taint.PREFER_NO_SCHEDULE),
                new Taint("maintenance", null, Taint.NO_EXECUTE, Jctl.NOW));
    }

    @Test
    void removesByKeyAndEffect() {
        assertThat(jctl.run("taint", "nodes", "n1", "dedicated:NoSchedule-")).isEqualTo(
                new Jctl.Result(0, "node/n1 untainted\n", ""));
        assertThat(taints()).isEmpty();
    }

    @Test
    void removesEveryTaintOfAKey() {
        jctl.run("taint", "no", "n1", "dedicated=gpu:NoExecute");

        assertThat(jctl.run("taint", "no", "n1", "dedicated-")).isEqualTo(new Jctl.Result(0, "node/n1 untainted\n", ""));
        assertThat(taints()).isEmpty();
    }

    @Test
    void aDuplicateKeyAndEffectNeedsOverwrite() {
        assertThat(jctl.run("taint", "node", "n1", "dedicated=ml:NoSchedule")).isEqualTo(new Jctl.Result(1, "",
                "error: node n1 already has dedicated:NoSchedule taint(s) with same effect(s) and --overwrite is false\n"));

        assertThat(jctl.run("taint", "node", "n1", "dedicated=ml:NoSchedule", "--overwrite").exit()).isZero();
        assertThat(taints()).containsExactly(Taint.of("dedicated", "ml", Taint.NO_SCHEDULE));
    }

    @Test
    void removingAnAbsentTaintIsAnError() {
        assertThat(jctl.run("taint", "node", "n1", "dedicated:NoExecute-")).isEqualTo(new Jctl.Result(1, "",
                "error: taint \"dedicated:NoExecute\" not found on node n1\n"));
    }

    @Test
    void onlyNodesCanBeTainted() {
        assertThat(jctl.run("taint", "pod", "x", "k=v:NoSchedule")).isEqualTo(new Jctl.Result(1, "",
                "error: cannot taint pods: only nodes can be tainted\n"));
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("no effect", "dedicated=gpu",
                        "invalid taint spec: 'dedicated=gpu'; use KEY=VALUE:EFFECT or KEY:EFFECT to add a taint,"
                                + " KEY:EFFECT- or KEY- to remove"),
                Arguments.of("unknown effect", "dedicated=gpu:NoWay",
                        "invalid taint effect in 'dedicated=gpu:NoWay': 'NoWay'; use NoSchedule, PreferNoSchedule,"
                                + " NoExecute"),
                Arguments.of("empty key", "=gpu:NoSchedule", "invalid taint spec: '=gpu:NoSchedule'; the key is empty"),
                Arguments.of("value in removal", "dedicated=gpu:NoSchedule-",
                        "invalid taint spec: 'dedicated=gpu:NoSchedule-'; to remove a taint use KEY:EFFECT- or KEY-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void malformedTaintsAreUsageErrors(String name, String arg, String message) {
        assertThat(jctl.run("taint", "node", "n1", arg)).isEqualTo(
                new Jctl.Result(ExitCodes.USAGE, "", "error: " + message + "\nSee 'jctl taint -h'\n"));
    }

    @Test
    void addingAndRemovingTheSameTaintIsAUsageError() {
        assertThat(jctl.run("taint", "node", "n1", "k=v:NoSchedule", "k-")).isEqualTo(new Jctl.Result(ExitCodes.USAGE, "",
                "error: can not both modify and remove the following taint(s) in the same command: k:NoSchedule\n"
                        + "See 'jctl taint -h'\n"));
    }

    private List<Taint> taints() {
        return nodes.stored(null, "n1").spec().taints();
    }
}
