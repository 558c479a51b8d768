package dev.jk8s.proxy;

import dev.jk8s.proxy.internal.SystemCommands;
import java.time.Duration;
import java.util.List;

/**
 * Runs a host command ({@code iptables-restore}, {@code ip}) and returns what it printed. The
 * proxy's only way to touch the kernel, so that tests can record what it would have done.
 * Implementations are thread-safe.
 */
public interface CommandRunner {

    /**
     * @param argv  the command and its arguments, not interpreted by a shell
     * @param stdin written to the command's standard input and closed; null: none
     * @return the command's standard output
     * @throws CommandException when it cannot start, exits non-zero or outlives its timeout
     */
    String run(List<String> argv, String stdin) throws CommandException;

    /** This machine's commands, each given at most {@code timeout}. */
    static CommandRunner system(Duration timeout) {
        return new SystemCommands(timeout);
    }
}
