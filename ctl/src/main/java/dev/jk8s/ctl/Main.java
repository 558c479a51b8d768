package dev.jk8s.ctl;

import dev.jk8s.ctl.annotate.AnnotateCommand;
import dev.jk8s.ctl.apply.ApplyCommand;
import dev.jk8s.ctl.delete.DeleteCommand;
import dev.jk8s.ctl.get.GetCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code jctl}, the operator's command line: the root command, its global options and the
 * wiring of one run. Each verb is its own subcommand class; adding one is adding it to
 * {@code subcommands} below. Nothing here or below calls {@link System#exit} except {@link #main}:
 * {@link #run} returns the exit status, so tests run jctl in-process.
 */
@Command(name = "jctl", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "jctl controls a jk8s cluster: apply manifests, get, annotate and delete objects.",
        subcommands = {ApplyCommand.class, GetCommand.class, DeleteCommand.class, AnnotateCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Config: ${JCTL_CONFIG:-~/.jctl/config}, YAML with \"server: HOST:PORT\" and optionally"
                + " \"namespace: NAME\"; bin/cluster up writes it.",
                "Exit status: 0 success; 1 an error (from the apiserver, a file, the connection); 2 a usage error."})
public final class Main implements Callable<Integer> {

    @Mixin
    GlobalOptions global = new GlobalOptions();

    private final Environment env;
    private Context context;

    Main(Environment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(run(args, System.out, System.err));
    }

    /** Runs jctl with the process's stdin and environment, talking to a real apiserver; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Environment.system(out, err));
    }

    /** Runs jctl in the given environment; returns the exit status ({@link ExitCodes}). */
    public static int run(String[] args, Environment env) {
        Main root = new Main(env);
        ErrorReporter errors = new ErrorReporter(env.err(), root.global::verbose, root::serverForMessages);
        CommandLine cmd = new CommandLine(root)
                .setOut(new PrintWriter(env.out(), true))
                .setErr(new PrintWriter(env.err(), true))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        try {
            return cmd.execute(args);
        } catch (RuntimeException e) {
            return errors.report(e);
        } finally {
            root.close();
            env.out().flush();
            env.err().flush();
        }
    }

    /** Without a command: the usage, as kubectl does. */
    @Override
    public Integer call() {
        CommandLine.usage(this, env.out());
        return ExitCodes.OK;
    }

    /** The run's context, made on first use (after the options are parsed). */
    public Context context() {
        if (context == null) {
            context = new Context(env, global);
        }
        return context;
    }

    private String serverForMessages() {
        return context().serverForMessages();
    }

    private void close() {
        if (context != null) {
            context.close();
        }
    }

    /** The jar's Implementation-Version, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"jctl " + (v == null ? "(development build)" : v)};
        }
    }
}
