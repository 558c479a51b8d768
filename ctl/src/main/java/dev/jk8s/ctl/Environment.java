package dev.jk8s.ctl;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one jctl run gets from outside: standard streams, environment variables, the clock
 * (for AGE) and how to reach an apiserver given its address and token. {@link #system} is the
 * real one; tests swap parts with the {@code withX} methods. Immutable.
 */
public record Environment(InputStream in, PrintStream out, PrintStream err, Map<String, String> variables,
                          Function<ServerAccess, Clients> connector, Clock clock) {

    public Environment {
        Objects.requireNonNull(in);
        Objects.requireNonNull(out);
        Objects.requireNonNull(err);
        variables = Map.copyOf(variables);
        Objects.requireNonNull(connector);
        Objects.requireNonNull(clock);
    }

    /** The process's stdin and environment, the given output streams, gRPC to the apiserver, the system clock. */
    public static Environment system(PrintStream out, PrintStream err) {
        return new Environment(System.in, out, err, System.getenv(), Clients::connect, Clock.systemUTC());
    }

    public Environment withIn(InputStream value) {
        return new Environment(value, out, err, variables, connector, clock);
    }

    public Environment withVariables(Map<String, String> value) {
        return new Environment(in, out, err, value, connector, clock);
    }

    /** Every command uses these clients, whatever {@code --server} says (e.g. a test's apiserver or a fake). */
    public Environment withClients(Clients clients) {
        return new Environment(in, out, err, variables, access -> clients, clock);
    }

    /** How to connect, given the resolved address and token (e.g. a test that checks them). */
    public Environment withConnector(Function<ServerAccess, Clients> value) {
        return new Environment(in, out, err, variables, value, clock);
    }

    public Environment withClock(Clock value) {
        return new Environment(in, out, err, variables, connector, value);
    }
}
