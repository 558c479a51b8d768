package dev.jk8s.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.testkit.Pki;
import io.grpc.Server;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MainTest {

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("unknown command", new String[] {"frobnicate"},
                        "error: unknown command \"frobnicate\" for \"jctl\"\nSee 'jctl -h'\n"),
                Arguments.of("misspelt command", new String[] {"gett", "cm"},
                        "error: unknown command \"gett\" for \"jctl\"; did you mean \"get\"?\nSee 'jctl -h'\n"),
                Arguments.of("unknown flag", new String[] {"get", "cm", "--bogus"},
                        "error: Unknown option: '--bogus'\nSee 'jctl get -h'\n"),
                Arguments.of("get without kind", new String[] {"get"},
                        "error: Missing required parameter: 'KIND'\nSee 'jctl get -h'\n"),
                Arguments.of("apply without -f", new String[] {"apply"},
                        "error: Missing required option: '--filename=FILE|DIR|-'\nSee 'jctl apply -h'\n"),
                Arguments.of("bad output format", new String[] {"get", "cm", "-o", "xml"},
                        "error: Invalid value for option '--output': unable to match a printer suitable for the output"
                                + " format \"xml\", allowed formats are: json,name,wide,yaml\nSee 'jctl get -h'\n"),
                Arguments.of("bad dry-run mode", new String[] {"apply", "-f", "x.yaml", "--dry-run=maybe"},
                        "error: Invalid value for option '--dry-run': expected one of none, client, server but was"
                                + " 'maybe'\nSee 'jctl apply -h'\n"),
                Arguments.of("bad cascade", new String[] {"delete", "cm", "x", "--cascade=sideways"},
                        "error: Invalid value for option '--cascade': expected one of background, foreground, orphan"
                                + " but was 'sideways'\nSee 'jctl delete -h'\n"),
                Arguments.of("bad timeout", new String[] {"delete", "cm", "x", "--timeout=soon"},
                        "error: Invalid value for option '--timeout': invalid duration 'soon'; use e.g. 30s, 5m, 1h30m"
                                + " or 0\nSee 'jctl delete -h'\n"),
                Arguments.of("bad label selector", new String[] {"get", "cm", "-l", "app in (web"},
                        "error: unable to parse label selector term \"app in (web\"; use key=value, key!=value,"
                                + " key in (a,b), key notin (a,b), key or !key\nSee 'jctl get -h'\n"),
                Arguments.of("unsupported field selector", new String[] {"get", "cm", "--field-selector", "spec.x=1"},
                        "error: field label \"spec.x\" is not supported for configmaps; supported: metadata.name,"
                                + " metadata.namespace\nSee 'jctl get -h'\n"),
                Arguments.of("names with selector", new String[] {"get", "cm", "a", "-l", "app=web"},
                        "error: names cannot be combined with -l or --field-selector; give either names or"
                                + " selectors\nSee 'jctl get -h'\n"),
                Arguments.of("delete kind without names", new String[] {"delete", "cm"},
                        "error: a kind was given but no names; give NAME..., -l SELECTOR or --all\nSee 'jctl delete -h'\n"),
                Arguments.of("delete -f with names", new String[] {"delete", "-f", "x.yaml", "cm", "a"},
                        "error: -f cannot be combined with a kind, names, -l or --all; use either\n"
                                + "See 'jctl delete -h'\n"),
                Arguments.of("annotate without changes", new String[] {"annotate", "cm", "a"},
                        "error: Missing required parameter: 'KEY=VALUE|KEY-'\nSee 'jctl annotate -h'\n"),
                Arguments.of("bad annotation", new String[] {"annotate", "cm", "a", "owner"},
                        "error: invalid annotation format: 'owner'; use KEY=VALUE to set an annotation or KEY- to"
                                + " remove one\nSee 'jctl annotate -h'\n"),
                Arguments.of("bad resource version", new String[] {"annotate", "cm", "a", "k=v", "--resource-version", "x1"},
                        "error: --resource-version must be a resourceVersion (a positive number, as in"
                                + " metadata.resourceVersion), not 'x1'\nSee 'jctl annotate -h'\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorsExitTwoAndPointAtHelp(String name, String[] args, String stderr) {
        Jctl.Result r = new Jctl().run(args);

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo(stderr);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownKindIsAnErrorNotAUsageError() {
        Jctl.Result r = new Jctl().run("get", "widgets");

        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).isEqualTo("error: the server doesn't have a resource type \"widgets\"\n");
    }

    @Test
    void helpAndNoCommandSucceed() {
        assertThat(new Jctl().run("-h").exit()).isZero();
        Jctl.Result r = new Jctl().run();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("apply", "get", "delete", "annotate", "Exit status");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unreachableServerGetsTheHintAndNoStackTrace() {
        Run r = realClient("--server", "127.0.0.1:1", "get", "configmaps");

        assertThat(r.exit).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err).isEqualTo("error: cannot reach the apiserver at 127.0.0.1:1: is it running?"
                + " Check with bin/cluster status, start it with bin/cluster up\n");
        assertThat(r.out).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void applyStopsAtAnUnreachableServerAndVerbosePrintsTheTrace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cm.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");

        Run r = realClient("apply", "-f", file.toString(), "--server=127.0.0.1:1", "-v");

        assertThat(r.exit).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err).startsWith("error: cannot reach the apiserver at 127.0.0.1:1: is it running?"
                + " Check with bin/cluster status, start it with bin/cluster up\n" + "dev.jk8s.api.ApiException: ");
        assertThat(r.err).containsOnlyOnce("error: ").contains("\tat ");
    }

    @Test
    void onlyTheNamedVerbIsBuiltAndGlobalOptionValuesAreNotTakenForIt() {
        assertThat(Main.verbsFor(new String[] {"-n", "get", "describe", "pod", "x"}))
                .containsExactly(dev.jk8s.ctl.describe.DescribeCommand.class);
        assertThat(Main.verbsFor(new String[] {"--server=127.0.0.1:1", "-v", "get", "pods"}))
                .containsExactly(dev.jk8s.ctl.get.GetCommand.class);
        assertThat(Main.verbsFor(new String[] {"--help"})).isEqualTo(Main.SUBCOMMANDS);
        assertThat(Main.verbsFor(new String[] {"help", "get"})).isEqualTo(Main.SUBCOMMANDS);
        assertThat(Main.verbsFor(new String[] {"gte", "pods"})).isEqualTo(Main.SUBCOMMANDS);
        assertThat(new Jctl().run("-n", "team-a", "get", "cm").err()).isEqualTo("No resources found in team-a namespace.\n");
    }

    @Test
    void serverComesFromFlagThenConfigThenDefault(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        assertThat(accessUsed(config)).isEqualTo(new ServerAccess("127.0.0.1:6443", null));

        Files.writeString(config, "server: 127.0.0.1:7443\n");
        assertThat(accessUsed(config).server()).isEqualTo("127.0.0.1:7443");
        assertThat(accessUsed(config, "--server", "127.0.0.1:8443").server()).isEqualTo("127.0.0.1:8443");
    }

    @Test
    void tokenComesFromFlagThenConfigAndIsNeverPrinted(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "server: 127.0.0.1:7443\ntoken: from-config\n");

        assertThat(accessUsed(config)).isEqualTo(new ServerAccess("127.0.0.1:7443", "from-config"));
        assertThat(accessUsed(config, "--token", "from-flag").token()).isEqualTo("from-flag");
        assertThat(accessUsed(config).toString()).doesNotContain("from-config");
        assertThat(CtlConfig.load(config).toString()).doesNotContain("from-config");
    }

    @Test
    void certificateAuthorityComesFromFlagThenConfigRelativeToItsDirectory(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        assertThat(accessUsed(config).certificateAuthority()).isNull();

        Files.writeString(config, "server: 127.0.0.1:7443\ncertificate-authority: pki/ca.crt\n");
        assertThat(accessUsed(config).certificateAuthority()).isEqualTo(dir.toAbsolutePath().resolve("pki/ca.crt"));
        assertThat(accessUsed(config, "--certificate-authority", "/etc/ca.crt").certificateAuthority())
                .isEqualTo(Path.of("/etc/ca.crt"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTlsFailureIsOneLineSayingWhatIsWrong(@TempDir Path dir) throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(Pki.cluster().apiserverCert().toFile(),
                        Pki.cluster().apiserverKey().toFile()), SslProvider.JDK).build())
                .build().start();
        try {
            String address = "127.0.0.1:" + server.getPort();
            Path otherCa = Pki.other().ca();

            Run wrongCa = realClient("--server", address, "--certificate-authority", otherCa.toString(), "get", "cm");
            Run plaintext = realClient("--server", address, "get", "cm");

            assertThat(wrongCa.exit).isEqualTo(ExitCodes.ERROR);
            assertThat(wrongCa.err).isEqualTo("error: cannot connect to the apiserver at " + address + " over TLS: the"
                    + " server's certificate is not signed by the CA in " + otherCa + "\n");
            assertThat(plaintext.exit).isEqualTo(ExitCodes.ERROR);
            assertThat(plaintext.err).isEqualTo("error: cannot connect to the apiserver at " + address + ": it closed the"
                    + " connection unanswered, as a TLS server does to a plaintext client; give this client the cluster's CA"
                    + " (certificate-authority)\n");
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void namespaceComesFromFlagThenConfigThenDefault(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "server: 127.0.0.1:7443\nnamespace: team-a\n");
        Jctl jctl = new Jctl();

        assertThat(run(jctl, config, "get", "cm").err()).isEqualTo("No resources found in team-a namespace.\n");
        assertThat(run(jctl, config, "get", "cm", "-n", "team-b").err()).isEqualTo("No resources found in team-b namespace.\n");
        assertThat(jctl.run("get", "cm").err()).isEqualTo("No resources found in default namespace.\n");
    }

    @Test
    void malformedConfigIsAnError(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "- just\n- a list\n");

        Jctl.Result r = run(new Jctl(), config, "get", "cm");

        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).isEqualTo("error: the config file " + config
                + " is not a YAML map; write e.g. \"server: 127.0.0.1:6443\"\n");
    }

    private record Run(int exit, String out, String err) {
    }

    /** jctl with the real gRPC client and no config file. */
    private static Run realClient(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment env = Environment.system(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .withIn(new ByteArrayInputStream(new byte[0]))
                .withVariables(Map.of(CtlConfig.ENV_VAR, "/nonexistent/jctl-config"));
        int exit = Main.run(args, env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static ServerAccess accessUsed(Path config, String... flags) {
        AtomicReference<ServerAccess> used = new AtomicReference<>();
        FakeClients fake = new FakeClients();
        String[] args = Stream.concat(Stream.of(flags), Stream.of("get", "cm")).toArray(String[]::new);
        Environment env = Environment.system(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))
                .withVariables(Map.of(CtlConfig.ENV_VAR, config.toString()))
                .withClock(Clock.systemUTC());
        env = env.withConnector(access -> {
            used.set(access);
            return fake;
        });
        assertThat(Main.run(args, env)).isZero();
        return used.get();
    }

    private static Jctl.Result run(Jctl jctl, Path config, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment env = new Environment(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(err, true), Map.of(CtlConfig.ENV_VAR, config.toString()), s -> jctl.clients,
                Clock.systemUTC());
        int exit = Main.run(args, env);
        return new Jctl.Result(exit, out.toString(), err.toString());
    }
}
