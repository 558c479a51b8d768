package dev.jk8s.kubelet.runtime;

/** The outcome of a command run in a container: its exit code and (truncated) output. */
public record ExecResult(int exitCode, String output) {
}
