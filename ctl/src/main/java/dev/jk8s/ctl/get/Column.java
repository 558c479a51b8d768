package dev.jk8s.ctl.get;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.ctl.ObjectNames;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/** One column of {@code jctl get}'s table: a header and how to show an object in it, given the time now. Immutable. */
public record Column(String header, BiFunction<ApiObject, Instant, String> cell) {

    public static final Column NAME = new Column("NAME", (o, now) -> o.metadata().name());
    public static final Column NAMESPACE = new Column("NAMESPACE", (o, now) -> o.metadata().namespace());
    public static final Column AGE = new Column("AGE", (o, now) -> Age.since(o.metadata().creationTimestamp(), now));
    /** kubectl's CREATED AT of roles: the creation time in RFC 3339, to the second. */
    public static final Column CREATED_AT = new Column("CREATED AT", (o, now) -> o.metadata().creationTimestamp() == null
            ? "" : o.metadata().creationTimestamp().truncatedTo(ChronoUnit.SECONDS).toString());
    /** {@code --show-labels}: {@code k=v,k2=v2}, sorted. */
    public static final Column LABELS = new Column("LABELS", (o, now) -> Cells.labels(o.metadata().labels()));

    /** NAME as {@code kind/name} ({@code deployment.apps/web}): how kubectl names objects when it shows several kinds. */
    public static Column qualifiedName(Kind<?> kind) {
        return new Column("NAME", (o, now) -> ObjectNames.ref(kind, o));
    }

    /** A column of one kind's objects. */
    public static <T extends ApiObject> Column of(Kind<T> kind, String header, Function<T, String> cell) {
        return new Column(header, (o, now) -> cell.apply(kind.cast(o)));
    }

    /** A column of one kind's objects whose cell depends on the time now (an age). */
    public static <T extends ApiObject> Column timed(Kind<T> kind, String header, BiFunction<T, Instant, String> cell) {
        return new Column(header, (o, now) -> cell.apply(kind.cast(o), now));
    }

    public String value(ApiObject object, Instant now) {
        String v = cell.apply(object, now);
        return v == null || v.isEmpty() ? "<none>" : v;
    }
}
