package dev.jk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.core.Event;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodSpec;
import dev.jk8s.api.core.PodStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

    private static final Pod ON_NODE_1 = new Pod(ObjectMeta.named("default", "web"),
            PodSpec.builder().nodeName("node-1").restartPolicy("Always").build())
            .withStatus(PodStatus.EMPTY.withPhase("Running"));
    private static final Pod UNSCHEDULED = new Pod(ObjectMeta.named("default", "db"), PodSpec.EMPTY);

    @Test
    void selectsPodsByNodeAndPhase() {
        FieldSelector onNode1 = FieldSelector.parse("spec.nodeName=node-1", Kinds.POD);
        FieldSelector unscheduled = FieldSelector.parse("spec.nodeName=", Kinds.POD);
        FieldSelector notRunning = FieldSelector.parse("status.phase!=Running", Kinds.POD);

        assertThat(onNode1.matches(ON_NODE_1, Kinds.POD)).isTrue();
        assertThat(onNode1.matches(UNSCHEDULED, Kinds.POD)).isFalse();
        assertThat(unscheduled.matches(UNSCHEDULED, Kinds.POD)).isTrue();
        assertThat(notRunning.matches(ON_NODE_1, Kinds.POD)).isFalse();
        assertThat(notRunning.matches(UNSCHEDULED, Kinds.POD)).isTrue();
    }

    @Test
    void everyTermMustHold() {
        FieldSelector s = FieldSelector.parse("metadata.namespace=default, spec.nodeName==node-1,metadata.name!=db",
                Kinds.POD);

        assertThat(s.matches(ON_NODE_1, Kinds.POD)).isTrue();
        assertThat(s.matches(UNSCHEDULED, Kinds.POD)).isFalse();
    }

    @Test
    void anEmptySelectorMatchesEverything() {
        assertThat(FieldSelector.parse(" ", Kinds.POD).isEverything()).isTrue();
        assertThat(FieldSelector.parse(null, Kinds.POD).matches(UNSCHEDULED, Kinds.POD)).isTrue();
    }

    @Test
    void selectsEventsByTheObjectTheyAreAbout() {
        Event event = new Event(ObjectMeta.named("default", "web.1"), ObjectReference.of(ON_NODE_1),
                Event.WARNING, "BackOff", "Back-off restarting failed container", "kubelet", Instant.EPOCH);
        FieldSelector aboutWeb = FieldSelector.parse(
                "involvedObject.kind=Pod,involvedObject.name=web,type=Warning,source=kubelet", Kinds.EVENT);

        assertThat(aboutWeb.matches(event, Kinds.EVENT)).isTrue();
        assertThat(FieldSelector.parse("reason=Pulled", Kinds.EVENT).matches(event, Kinds.EVENT)).isFalse();
    }

    @Test
    void anUnsupportedFieldListsTheSupportedOnes() {
        assertThatThrownBy(() -> FieldSelector.parse("spec.hostname=web-0", Kinds.POD))
                .isInstanceOf(ApiException.class)
                .hasMessage("field label \"spec.hostname\" is not supported for pods; supported: metadata.name, "
                        + "metadata.namespace, spec.nodeName, spec.restartPolicy, spec.schedulerName, "
                        + "spec.serviceAccountName, status.phase, status.podIP");
    }

    @Test
    void kindsWithoutFieldsOfTheirOwnStillSelectByName() {
        assertThatThrownBy(() -> FieldSelector.parse("data.key=x", Kinds.CONFIG_MAP))
                .hasMessageEndingWith("supported: metadata.name, metadata.namespace");
    }

    @Test
    void aTermWithoutAnOperatorIsRefused() {
        assertThatThrownBy(() -> FieldSelector.parse("spec.nodeName", Kinds.POD))
                .isInstanceOf(ApiException.class)
                .hasMessage("unable to parse field selector term \"spec.nodeName\"; use field=value or field!=value");
    }
}
