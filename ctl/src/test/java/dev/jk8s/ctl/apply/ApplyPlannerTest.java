package dev.jk8s.ctl.apply;

import static dev.jk8s.ctl.apply.ThreeWayMergeTest.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.ConfigMap;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyPlannerTest {

    private static final String MANIFEST = "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'app'},"
            + "'data':{'a':'1','b':'2'}}";

    @Test
    void desiredDropsStatusServerFieldsAndTheRecordAndFillsTheNamespace() {
        ObjectNode manifest = tree("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'app','uid':'u',"
                + "'resourceVersion':'5','creationTimestamp':'2024-01-01T00:00:00Z','generation':1,"
                + "'annotations':{'" + ApplyPlanner.LAST_APPLIED + "':'{}'}},'data':{'a':'1'},'status':{'x':1}}");

        ObjectNode desired = ApplyPlanner.desired(Kinds.CONFIG_MAP, manifest, "team-a");

        assertThat(desired).isEqualTo(tree("{'apiVersion':'v1','kind':'ConfigMap',"
                + "'metadata':{'name':'app','namespace':'team-a'},'data':{'a':'1'}}"));
        assertThat(manifest.path("metadata").has("uid")).as("argument untouched").isTrue();
    }

    @Test
    void desiredKeepsTheManifestsOwnNamespace() {
        ObjectNode manifest = tree("{'kind':'ConfigMap','metadata':{'name':'app','namespace':'mine'}}");

        assertThat(ApplyPlanner.desired(Kinds.CONFIG_MAP, manifest, "default").path("metadata").path("namespace").asText())
                .isEqualTo("mine");
    }

    @Test
    void createsWhatIsNotThereAndRecordsTheManifest() {
        ObjectNode desired = desired(MANIFEST);

        ApplyPlanner.Plan plan = ApplyPlanner.plan(Kinds.CONFIG_MAP, desired, null);

        assertThat(plan.action()).isEqualTo(ApplyPlanner.Action.CREATE);
        ConfigMap cm = (ConfigMap) plan.object();
        assertThat(cm.data()).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(tree(cm.metadata().annotations().get(ApplyPlanner.LAST_APPLIED))).isEqualTo(desired);
    }

    @Test
    void leavesAnObjectAppliedWithTheSameManifestUnchanged() {
        ConfigMap live = stored((ConfigMap) ApplyPlanner.plan(Kinds.CONFIG_MAP, desired(MANIFEST), null).object());

        ApplyPlanner.Plan plan = ApplyPlanner.plan(Kinds.CONFIG_MAP, desired(MANIFEST), live);

        assertThat(plan.action()).isEqualTo(ApplyPlanner.Action.UNCHANGED);
        assertThat(plan.object()).isSameAs(live);
    }

    @Test
    void updatesFromTheLiveObjectKeepingItsVersionAndOthersChanges() {
        ConfigMap created = stored((ConfigMap) ApplyPlanner.plan(Kinds.CONFIG_MAP, desired(MANIFEST), null).object());
        ConfigMap live = created.withMetadata(created.metadata().withLabels(Map.of("added", "by-other")));

        ApplyPlanner.Plan plan = ApplyPlanner.plan(Kinds.CONFIG_MAP,
                desired("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'app'},'data':{'a':'9'}}"), live);

        assertThat(plan.action()).isEqualTo(ApplyPlanner.Action.UPDATE);
        ConfigMap next = (ConfigMap) plan.object();
        assertThat(next.data()).isEqualTo(Map.of("a", "9"));
        assertThat(next.metadata().labels()).isEqualTo(Map.of("added", "by-other"));
        assertThat(next.metadata().resourceVersion()).isEqualTo("7");
        assertThat(next.metadata().uid()).isEqualTo("uid-1");
        assertThat(tree(next.metadata().annotations().get(ApplyPlanner.LAST_APPLIED)).path("data"))
                .isEqualTo(tree("{'a':'9'}"));
    }

    @Test
    void aMergeThatDoesNotDecodeIsABadRequest() {
        ConfigMap live = stored((ConfigMap) ApplyPlanner.plan(Kinds.CONFIG_MAP, desired(MANIFEST), null).object());

        assertThatThrownBy(() -> ApplyPlanner.plan(Kinds.CONFIG_MAP,
                desired("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'app'},'data':{'a':'1'},'bogus':1}"), live))
                .isInstanceOf(ApiException.class).hasMessageContaining("bogus");
    }

    private static ObjectNode desired(String manifest) {
        return ApplyPlanner.desired(Kinds.CONFIG_MAP, tree(manifest), "default");
    }

    /** The object as the apiserver would store it. */
    private static ConfigMap stored(ConfigMap cm) {
        ObjectMeta meta = cm.metadata().toBuilder().uid("uid-1").resourceVersion("7")
                .creationTimestamp(Instant.parse("2024-01-01T00:00:00Z")).generation(1L).build();
        return cm.withMetadata(meta);
    }
}
