package dev.jk8s.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link CommandRunner} for tests: records every command line (with its input after a newline)
 * and answers from {@code answers}, which may throw a {@link CommandException} to fail a command.
 */
public final class RecordingCommands implements CommandRunner {

    /** How a fake answers one command line. */
    public interface Answers {
        String answer(List<String> argv) throws CommandException;
    }

    private final List<String> calls = new ArrayList<>();
    private final Answers answers;

    public RecordingCommands(Answers answers) {
        this.answers = answers;
    }

    /** Every command succeeds with the output {@code output} gives it. */
    public static RecordingCommands answering(Function<List<String>, String> output) {
        return new RecordingCommands(output::apply);
    }

    @Override
    public synchronized String run(List<String> argv, String stdin) throws CommandException {
        calls.add(String.join(" ", argv) + (stdin == null ? "" : "\n" + stdin));
        return answers.answer(argv);
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The calls whose command line starts with {@code prefix}. */
    public synchronized List<String> calls(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }
}
