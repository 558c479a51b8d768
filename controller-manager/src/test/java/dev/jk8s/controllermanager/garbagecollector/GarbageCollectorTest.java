package dev.jk8s.controllermanager.garbagecollector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.controllermanager.controller.ApiReader;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.FakeApiWriter;
import dev.jk8s.testkit.TestObjects;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest {

    final Map<Kind<?>, Indexer<? extends ApiObject>> caches = new LinkedHashMap<>();
    /** What the apiserver has, for the collector's uncached checks: by "resource|key". */
    final Map<String, ApiObject> live = new HashMap<>();
    final FakeApiWriter api = new FakeApiWriter();
    final ApiReader reader = new ApiReader() {
        @Override
        public <T extends ApiObject> Optional<T> get(Kind<T> kind, String namespace, String name) {
            return Optional.ofNullable(live.get(kind.resource() + "|" + (namespace == null ? name : namespace + "/" + name)))
                    .map(kind::cast);
        }

        @Override
        public <T extends ApiObject> List<T> list(Kind<T> kind, String namespace) {
            throw new UnsupportedOperationException("the garbage collector lists nothing from the apiserver");
        }
    };
    final GarbageCollector gc;

    GarbageCollectorTest() {
        for (Kind<?> kind : List.of(Kinds.REPLICA_SET, Kinds.POD, Kinds.CONFIG_MAP)) {
            Indexer<? extends ApiObject> cache = new Indexer<>();
            cache.addIndex(OwnerGraph.OWNER_UID_INDEX, OwnerGraph::ownerUids);
            caches.put(kind, cache);
        }
        gc = new GarbageCollector(new OwnerGraph(caches, reader), api, new ControllerMetrics(), 1);
    }

    @SuppressWarnings("unchecked")
    <T extends ApiObject> T cached(Kind<T> kind, T o) {
        ((Indexer<T>) caches.get(kind)).put(o);
        live.put(GarbageCollector.key(kind, o), o);
        return o;
    }

    static ReplicaSet rs(String name, String... finalizers) {
        ReplicaSet rs = (ReplicaSet) TestObjects.parse("apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: " + name
                + ", namespace: default, uid: uid-" + name + "}\nspec: {selector: {matchLabels: {app: web}}}\n");
        if (finalizers.length == 0) {
            return rs;
        }
        return rs.withMetadata(rs.metadata().toBuilder().finalizers(List.of(finalizers))
                .deletionTimestamp(Instant.parse("2026-12-04T10:00:00Z")).build());
    }

    static Pod pod(String name, boolean blockOwnerDeletion, ReplicaSet... owners) {
        Pod p = (Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: default, uid: uid-"
                + name + "}\nspec: {containers: [{name: app, image: app}]}\n");
        List<OwnerReference> refs = java.util.Arrays.stream(owners).map(o -> new OwnerReference("apps/v1", "ReplicaSet",
                o.metadata().name(), o.metadata().uid(), true, blockOwnerDeletion)).toList();
        return p.withMetadata(p.metadata().toBuilder().ownerReferences(refs).build());
    }

    @Test
    void aDependentWhoseOwnerIsGoneIsDeleted() {
        cached(Kinds.POD, pod("web-1", true, rs("web")));

        gc.sync("pods|default/web-1");

        assertThat(api.actions).containsExactly("delete pods default/web-1 (Background)");
    }

    @Test
    void anOwnerTheCacheHasNotSeenYetButTheApiserverHasKeepsItsDependents() {
        ReplicaSet rs = rs("web");
        live.put("replicasets|default/web", rs); // created a moment ago; the informer lags
        cached(Kinds.POD, pod("web-1", true, rs));

        gc.sync("pods|default/web-1");

        assertThat(api.actions).isEmpty();
    }

    @Test
    void anOwnerOfTheSameNameButAnotherUidIsGone() {
        ReplicaSet old = rs("web");
        cached(Kinds.REPLICA_SET, old.withMetadata(old.metadata().toBuilder().uid("uid-web-2").build()));
        cached(Kinds.POD, pod("web-1", true, old));

        gc.sync("pods|default/web-1");

        assertThat(api.actions).containsExactly("delete pods default/web-1 (Background)");
    }

    @Test
    void aDependentWithAnotherLiveOwnerOnlyLosesTheDeadReference() {
        ReplicaSet alive = cached(Kinds.REPLICA_SET, rs("alive"));
        cached(Kinds.POD, pod("web-1", true, rs("dead"), alive));

        gc.sync("pods|default/web-1");

        assertThat(api.actions).containsExactly("update pods default/web-1");
        Pod updated = (Pod) api.written.get(0);
        assertThat(updated.metadata().ownerReferences()).extracting(OwnerReference::name).containsExactly("alive");
    }

    @Test
    void orphanPropagationStripsTheReferencesThenTheFinalizer() {
        ReplicaSet rs = cached(Kinds.REPLICA_SET, rs("web", "orphan"));
        cached(Kinds.POD, pod("web-1", true, rs));
        cached(Kinds.POD, pod("web-2", true, rs));

        gc.sync("replicasets|default/web");

        assertThat(api.actions).containsExactly("update pods default/web-1", "update pods default/web-2",
                "update replicasets default/web");
        assertThat(api.written).allSatisfy(o -> {
            assertThat(o.metadata().ownerReferences()).isEmpty();
            assertThat(o.metadata().finalizers()).doesNotContain("orphan");
        });
    }

    @Test
    void foregroundPropagationDeletesTheDependentsAndKeepsTheOwnerUntilTheyAreGone() {
        ReplicaSet rs = cached(Kinds.REPLICA_SET, rs("web", "foregroundDeletion"));
        cached(Kinds.POD, pod("web-1", true, rs));
        ConfigMap notBlocking = (ConfigMap) TestObjects.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes, "
                + "namespace: default, uid: uid-notes, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, "
                + "uid: uid-web}]}\n");
        cached(Kinds.CONFIG_MAP, notBlocking);

        var again = gc.sync("replicasets|default/web");

        assertThat(api.actions).containsExactlyInAnyOrder("delete pods default/web-1 (Foreground)",
                "delete configmaps default/notes (Background)");
        assertThat(again).isPresent(); // web-1 still blocks

        caches.get(Kinds.POD).remove("default/web-1");
        api.actions.clear();
        gc.sync("replicasets|default/web");
        assertThat(api.actions).containsExactly("delete configmaps default/notes (Background)", "update replicasets default/web");
        assertThat(api.written.get(api.written.size() - 1).metadata().finalizers()).isEmpty();
    }

    @Test
    void aBlockingDependentOfAnOwnerDeletingInTheForegroundGoesInTheForegroundToo() {
        ReplicaSet rs = cached(Kinds.REPLICA_SET, rs("web", "foregroundDeletion"));
        cached(Kinds.POD, pod("web-1", true, rs));

        gc.sync("pods|default/web-1");

        assertThat(api.actions).containsExactly("delete pods default/web-1 (Foreground)");
    }

    @Test
    void anObjectWithoutOwnersOrGoneIsLeftAlone() {
        cached(Kinds.POD, pod("free", true));
        gc.sync("pods|default/free");
        gc.sync("pods|default/gone");
        assertThat(api.actions).isEmpty();
    }
}
