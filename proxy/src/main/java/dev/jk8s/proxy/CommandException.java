package dev.jk8s.proxy;

import java.util.List;

/** A host command failed: its command line, exit code (-1: did not start or timed out) and error output. */
public final class CommandException extends Exception {

    private final int exitCode;

    public CommandException(List<String> argv, int exitCode, String stderr) {
        super(String.join(" ", argv) + (exitCode < 0 ? " failed: " : " exited " + exitCode + ": ") + stderr.strip());
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
