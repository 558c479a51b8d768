package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/** Runs {@code command} in the container (not in a shell); exit status 0 is healthy. */
public record ExecAction(List<String> command) {

    public ExecAction {
        command = Values.list(command);
    }
}
