package dev.jk8s.ctl;

import dev.jk8s.api.BuildInfo;
import dev.jk8s.ctl.annotate.AnnotateCommand;
import dev.jk8s.ctl.apiresources.ApiResourcesCommand;
import dev.jk8s.ctl.auth.AuthCommand;
import dev.jk8s.ctl.apply.ApplyCommand;
import dev.jk8s.ctl.completion.CompletionCommand;
import dev.jk8s.ctl.create.CreateCommand;
import dev.jk8s.ctl.delete.DeleteCommand;
import dev.jk8s.ctl.describe.DescribeCommand;
import dev.jk8s.ctl.get.GetCommand;
import dev.jk8s.ctl.label.LabelCommand;
import dev.jk8s.ctl.logs.LogsCommand;
import dev.jk8s.ctl.node.CordonCommand;
import dev.jk8s.ctl.node.DrainCommand;
import dev.jk8s.ctl.node.TaintCommand;
import dev.jk8s.ctl.node.UncordonCommand;
import dev.jk8s.ctl.rollout.RolloutCommand;
import dev.jk8s.ctl.scale.ScaleCommand;
import dev.jk8s.ctl.token.TokenCommand;
import dev.jk8s.ctl.version.VersionCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code jctl}, the operator's command line: the root command, its global options and the
 * wiring of one run. Each verb is its own subcommand class; adding one is adding it to
 * {@link #SUBCOMMANDS}. A run registers only the verb it was asked for (all of them for help,
 * completion or an unknown verb): picocli builds a command's model eagerly, and building all of
 * them costs a CLI's start-up a tenth of a second. Nothing here or below calls {@link System#exit} except {@link #main}:
 * {@link #run} returns the exit status, so tests run jctl in-process.
 */
@Command(name = "jctl", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "jctl controls a jk8s cluster: create and apply manifests; get, label, annotate, scale and"
                + " delete objects; read logs; follow rollouts; cordon, drain and taint nodes.",
        footer = {"", "Config: ${JCTL_CONFIG:-~/.jctl/config}, YAML with \"server: HOST:PORT\", \"certificate-authority: FILE\""
                + " (TLS) and optionally \"namespace: NAME\"; bin/cluster up writes it.",
                "Exit status: 0 success; 1 an error (from the apiserver, a file, the connection); 2 a usage error."})
public final class Main implements Callable<Integer> {

    /** Every verb, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(CreateCommand.class, ApplyCommand.class, GetCommand.class,
            DescribeCommand.class, DeleteCommand.class, LabelCommand.class, AnnotateCommand.class, ScaleCommand.class,
            RolloutCommand.class, LogsCommand.class, CordonCommand.class, UncordonCommand.class, DrainCommand.class,
            TaintCommand.class, ApiResourcesCommand.class, AuthCommand.class, TokenCommand.class, VersionCommand.class, CompletionCommand.class,
            CommandLine.HelpCommand.class);

    /** The global options that take a value as the next argument. */
    private static final Set<String> VALUE_OPTIONS = Set.of("--server", "--token", "--certificate-authority", "-n", "--namespace");

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
        CommandLine cmd = new CommandLine(root);
        verbsFor(args).forEach(cmd::addSubcommand);
        cmd.setOut(new PrintWriter(env.out(), true))
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

    /** The verb named in {@code args}, or every verb when none is named or it is help, completion or unknown. */
    static List<Class<?>> verbsFor(String[] args) {
        String verb = null;
        for (int i = 0; i < args.length && verb == null; i++) {
            if (VALUE_OPTIONS.contains(args[i])) {
                i++;
            } else if (!args[i].startsWith("-")) {
                verb = args[i];
            }
        }
        for (Class<?> c : SUBCOMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            if (name.equals(verb) && !name.equals("help") && !name.equals("completion")) {
                return List.of(c);
            }
        }
        return SUBCOMMANDS;
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

    /** jctl's version: the project version of its build ({@link BuildInfo}). */
    public static String clientVersion() {
        return BuildInfo.version();
    }

    /** {@code jctl --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jctl " + clientVersion()};
        }
    }
}
