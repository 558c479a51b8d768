package dev.jk8s.ctl.get;

import static java.util.Map.entry;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Event;
import dev.jk8s.api.rbac.ClusterRoleBinding;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.api.rbac.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which columns {@code jctl get} shows for each kind, as kubectl does, and the extra ones of
 * {@code -o wide} (appended); a kind not listed gets NAME and AGE. Adding a kind's columns is
 * adding an entry to {@link #BY_KIND}. The NAMESPACE column of {@code -A} and the LABELS column
 * of {@code --show-labels} are added by the printer, not here. Immutable.
 */
public final class Columns {

    private record KindColumns(List<Column> normal, List<Column> wide) {
    }

    private static final KindColumns DEFAULT = new KindColumns(List.of(Column.NAME, Column.AGE), List.of());

    private static final Map<String, KindColumns> BY_KIND = Map.ofEntries(
            entry(Kinds.POD.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.POD, "READY", PodCells::ready),
                    Column.of(Kinds.POD, "STATUS", PodCells::status),
                    Column.timed(Kinds.POD, "RESTARTS", PodCells::restarts),
                    Column.AGE), List.of(
                    Column.of(Kinds.POD, "IP", p -> p.status().podIP()),
                    Column.of(Kinds.POD, "NODE", p -> p.spec().nodeName())))),
            entry(Kinds.DEPLOYMENT.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.DEPLOYMENT, "READY", d -> Cells.count(d.status().readyReplicas()) + "/"
                            + Objects.requireNonNullElse(d.spec().replicas(), 1)),
                    Column.of(Kinds.DEPLOYMENT, "UP-TO-DATE", d -> Cells.count(d.status().updatedReplicas())),
                    Column.of(Kinds.DEPLOYMENT, "AVAILABLE", d -> Cells.count(d.status().availableReplicas())),
                    Column.AGE), List.of(
                    Column.of(Kinds.DEPLOYMENT, "CONTAINERS", d -> Cells.containers(d.spec().template(), Container::name)),
                    Column.of(Kinds.DEPLOYMENT, "IMAGES", d -> Cells.containers(d.spec().template(), Container::image)),
                    Column.of(Kinds.DEPLOYMENT, "SELECTOR", d -> Cells.selector(d.spec().selector()))))),
            entry(Kinds.REPLICA_SET.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.REPLICA_SET, "DESIRED", rs -> String.valueOf(
                            Objects.requireNonNullElse(rs.spec().replicas(), 1))),
                    Column.of(Kinds.REPLICA_SET, "CURRENT", rs -> Cells.count(rs.status().replicas())),
                    Column.of(Kinds.REPLICA_SET, "READY", rs -> Cells.count(rs.status().readyReplicas())),
                    Column.AGE), List.of(
                    Column.of(Kinds.REPLICA_SET, "CONTAINERS", rs -> Cells.containers(rs.spec().template(), Container::name)),
                    Column.of(Kinds.REPLICA_SET, "IMAGES", rs -> Cells.containers(rs.spec().template(), Container::image)),
                    Column.of(Kinds.REPLICA_SET, "SELECTOR", rs -> Cells.selector(rs.spec().selector()))))),
            entry(Kinds.REPLICATION_CONTROLLER.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.REPLICATION_CONTROLLER, "DESIRED", rc -> String.valueOf(
                            Objects.requireNonNullElse(rc.spec().replicas(), 1))),
                    Column.of(Kinds.REPLICATION_CONTROLLER, "CURRENT", rc -> Cells.count(rc.status().replicas())),
                    Column.of(Kinds.REPLICATION_CONTROLLER, "READY", rc -> Cells.count(rc.status().readyReplicas())),
                    Column.AGE), List.of(
                    Column.of(Kinds.REPLICATION_CONTROLLER, "CONTAINERS",
                            rc -> Cells.containers(rc.spec().template(), Container::name)),
                    Column.of(Kinds.REPLICATION_CONTROLLER, "IMAGES",
                            rc -> Cells.containers(rc.spec().template(), Container::image)),
                    Column.of(Kinds.REPLICATION_CONTROLLER, "SELECTOR", rc -> Cells.labels(rc.spec().selector()))))),
            entry(Kinds.NODE.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.NODE, "STATUS", Cells::nodeStatus),
                    Column.of(Kinds.NODE, "ROLES", Cells::nodeRoles),
                    Column.AGE,
                    Column.of(Kinds.NODE, "VERSION", n -> n.status().nodeInfo().kubeletVersion())), List.of(
                    Column.of(Kinds.NODE, "INTERNAL-IP", n -> Cells.nodeAddress(n, "InternalIP")),
                    Column.of(Kinds.NODE, "EXTERNAL-IP", n -> Cells.nodeAddress(n, "ExternalIP")),
                    Column.of(Kinds.NODE, "OS-IMAGE", n -> n.status().nodeInfo().osImage()),
                    Column.of(Kinds.NODE, "KERNEL-VERSION", n -> n.status().nodeInfo().kernelVersion()),
                    Column.of(Kinds.NODE, "CONTAINER-RUNTIME", n -> n.status().nodeInfo().containerRuntimeVersion())))),
            entry(Kinds.SERVICE.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.SERVICE, "TYPE", Cells::serviceType),
                    Column.of(Kinds.SERVICE, "CLUSTER-IP", s -> s.spec().clusterIP()),
                    Column.of(Kinds.SERVICE, "EXTERNAL-IP", Cells::externalIp),
                    Column.of(Kinds.SERVICE, "PORT(S)", Cells::servicePorts),
                    Column.AGE), List.of(
                    Column.of(Kinds.SERVICE, "SELECTOR", s -> Cells.labels(s.spec().selector()))))),
            entry(Kinds.ENDPOINTS.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.ENDPOINTS, "ENDPOINTS", Cells::endpoints), Column.AGE), List.of())),
            entry(Kinds.NAMESPACE.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.NAMESPACE, "STATUS", ns -> ns.status().phase()), Column.AGE), List.of())),
            entry(Kinds.EVENT.kind(), new KindColumns(List.of(
                    Column.timed(Kinds.EVENT, "LAST SEEN", Columns::lastSeen),
                    Column.of(Kinds.EVENT, "TYPE", Event::type),
                    Column.of(Kinds.EVENT, "REASON", Event::reason),
                    Column.of(Kinds.EVENT, "OBJECT", Columns::involvedObject),
                    Column.of(Kinds.EVENT, "MESSAGE", Event::message)), List.of())),
            entry(Kinds.CONFIG_MAP.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.CONFIG_MAP, "DATA", cm -> String.valueOf(cm.data().size() + cm.binaryData().size())),
                    Column.AGE), List.of())),
            entry(Kinds.SECRET.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.SECRET, "TYPE", s -> Objects.requireNonNullElse(s.type(), "Opaque")),
                    Column.of(Kinds.SECRET, "DATA", s -> String.valueOf(s.data().size())),
                    Column.AGE), List.of())),
            entry(Kinds.SERVICE_ACCOUNT.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.SERVICE_ACCOUNT, "SECRETS", sa -> String.valueOf(sa.secrets().size())),
                    Column.AGE), List.of())),
            entry(Kinds.LEASE.kind(), new KindColumns(List.of(Column.NAME,
                    Column.of(Kinds.LEASE, "HOLDER", l -> l.spec().holderIdentity()), Column.AGE), List.of())),
            entry(Kinds.ROLE.kind(), new KindColumns(List.of(Column.NAME, Column.CREATED_AT), List.of())),
            entry(Kinds.CLUSTER_ROLE.kind(), new KindColumns(List.of(Column.NAME, Column.CREATED_AT), List.of())),
            entry(Kinds.ROLE_BINDING.kind(), bindingColumns(Kinds.ROLE_BINDING, RoleBinding::roleRef, RoleBinding::subjects)),
            entry(Kinds.CLUSTER_ROLE_BINDING.kind(), bindingColumns(Kinds.CLUSTER_ROLE_BINDING, ClusterRoleBinding::roleRef,
                    ClusterRoleBinding::subjects)));

    private Columns() {
    }

    public static List<Column> forKind(Kind<?> kind) {
        return forKind(kind, false);
    }

    /** The kind's columns, with those of {@code -o wide} after them when {@code wide}. */
    public static List<Column> forKind(Kind<?> kind, boolean wide) {
        KindColumns set = BY_KIND.getOrDefault(kind.kind(), DEFAULT);
        if (!wide) {
            return set.normal();
        }
        List<Column> all = new ArrayList<>(set.normal());
        all.addAll(set.wide());
        return List.copyOf(all);
    }

    /** kubectl's ROLE ({@code ClusterRole/view}), and the subjects by kind with {@code -o wide}. */
    private static <T extends ApiObject> KindColumns bindingColumns(Kind<T> kind, Function<T, RoleRef> roleRef,
                                                                   Function<T, List<Subject>> subjects) {
        return new KindColumns(List.of(Column.NAME, Column.of(kind, "ROLE", b -> roleRef.apply(b).kindName()), Column.AGE),
                List.of(Column.of(kind, "USERS", b -> Cells.subjects(subjects.apply(b), Subject.USER)),
                        Column.of(kind, "GROUPS", b -> Cells.subjects(subjects.apply(b), Subject.GROUP)),
                        Column.of(kind, "SERVICEACCOUNTS", b -> Cells.subjects(subjects.apply(b), Subject.SERVICE_ACCOUNT))));
    }

    private static String lastSeen(Event e, Instant now) {
        Instant last = e.lastTimestamp() != null ? e.lastTimestamp()
                : e.eventTime() != null ? e.eventTime() : e.firstTimestamp();
        return Age.since(last, now);
    }

    /** {@code pod/web-1}: the involved object's kind in lower case, and its name. */
    private static String involvedObject(Event e) {
        return e.involvedObject() == null ? ""
                : e.involvedObject().kind().toLowerCase(Locale.ROOT) + "/" + e.involvedObject().name();
    }
}
