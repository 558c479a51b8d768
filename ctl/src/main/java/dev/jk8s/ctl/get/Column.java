package dev.jk8s.ctl.get;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;

/** One column of {@code jctl get}'s table: a header and how to show an object in it, given the time now. Immutable. */
public record Column(String header, BiFunction<ApiObject, Instant, String> cell) {

    public static final Column NAME = new Column("NAME", (o, now) -> o.metadata().name());
    public static final Column NAMESPACE = new Column("NAMESPACE", (o, now) -> o.metadata().namespace());
    public static final Column AGE = new Column("AGE", (o, now) -> Age.since(o.metadata().creationTimestamp(), now));

    /** A column of one kind's objects. */
    public static <T extends ApiObject> Column of(Kind<T> kind, String header, Function<T, String> cell) {
        return new Column(header, (o, now) -> cell.apply(kind.cast(o)));
    }

    public String value(ApiObject object, Instant now) {
        String v = cell.apply(object, now);
        return v == null || v.isEmpty() ? "<none>" : v;
    }
}
