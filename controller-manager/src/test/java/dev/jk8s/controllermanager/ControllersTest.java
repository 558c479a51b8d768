package dev.jk8s.controllermanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ControllersTest {

    @Test
    void selectsAsKubernetesDoes() {
        assertThat(Controllers.select("*")).containsExactlyElementsOf(Controllers.ALL.keySet());
        assertThat(Controllers.select("*,-replicaset")).containsExactly("deployment", "replicationcontroller", "endpoints", "namespace", "serviceaccount",
                "serviceaccount-token", "garbagecollector", "nodelifecycle", "podgc");
        assertThat(Controllers.select("namespace,replicaset")).containsExactly("replicaset", "namespace");
        assertThat(Controllers.select("serviceaccount-token,replicaset")).containsExactly("replicaset", "serviceaccount-token");
        assertThat(Controllers.select("replicaset")).containsExactly("replicaset");
        assertThat(Controllers.select("endpoints,replicaset")).containsExactly("replicaset", "endpoints");
        assertThat(Controllers.select("replicationcontroller,replicaset")).containsExactly("replicaset", "replicationcontroller");
    }

    @Test
    void anUnknownControllerIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> Controllers.select("*,-replicasets"))
                .hasMessage("unknown controller \"replicasets\"; known: deployment, replicaset, replicationcontroller, endpoints, namespace, serviceaccount, serviceaccount-token, garbagecollector, nodelifecycle, podgc (and * for all of them)");
    }

    @Test
    void theFlagsHelpNamesEveryKnownController() {
        String help = new CommandLine(new Main()).getUsageMessage().replaceAll("\\s+", " ");

        assertThat(help).contains("Known: " + String.join(", ", Controllers.ALL.keySet()) + ".");
    }

    @Test
    void theFlagReportsAnUnknownControllerAsAUsageError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute("--controllers", "deploymnet");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("invalid --controllers deploymnet: unknown controller \"deploymnet\"; known: ")
                .doesNotContain("Exception");
    }
}
