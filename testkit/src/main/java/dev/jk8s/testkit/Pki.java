package dev.jk8s.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster's certificates made exactly as {@code bin/cluster up} makes them: by {@code bin/lib/pki.sh}
 * (openssl) in a temporary directory, deleted when the JVM exits. {@link #cluster()} and {@link #other()}
 * are made once per JVM: two unrelated CAs, each with an apiserver serving certificate, the apiserver's
 * kubelet-client certificate and, on demand, kubelet serving certificates. Thread-safe.
 */
public final class Pki {

    private static final Path SCRIPT = findScript();
    private static Pki cluster;
    private static Pki other;

    private final Path dir;

    private Pki(Path dir) {
        this.dir = dir;
    }

    /** The certificates tests use for "the" cluster. */
    public static synchronized Pki cluster() {
        if (cluster == null) {
            cluster = make("jk8s-pki-");
        }
        return cluster;
    }

    /** A second cluster's: its CA signed none of {@link #cluster()}'s certificates. */
    public static synchronized Pki other() {
        if (other == null) {
            other = make("jk8s-other-pki-");
        }
        return other;
    }

    private static Pki make(String prefix) {
        try {
            Pki pki = new Pki(Files.createTempDirectory(prefix));
            Runtime.getRuntime().addShutdownHook(new Thread(pki::delete));
            pki.run("ensure_pki \"$1\"");
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path ca() {
        return dir.resolve("ca.crt");
    }

    public Path apiserverCert() {
        return dir.resolve("apiserver.crt");
    }

    public Path apiserverKey() {
        return dir.resolve("apiserver.key");
    }

    public Path kubeletClientCert() {
        return dir.resolve("apiserver-kubelet-client.crt");
    }

    public Path kubeletClientKey() {
        return dir.resolve("apiserver-kubelet-client.key");
    }

    /** Node {@code node}'s kubelet serving certificate (made on first use); its key is {@link #kubeletKey}. */
    public synchronized Path kubeletCert(String node) {
        Path cert = dir.resolve("kubelet-" + node + ".crt");
        if (!Files.exists(cert)) {
            run("ensure_node_cert \"$1\" \"$2\"", node);
        }
        return cert;
    }

    public Path kubeletKey(String node) {
        kubeletCert(node);
        return dir.resolve("kubelet-" + node + ".key");
    }

    /** Runs {@code command} with pki.sh sourced, $1 this directory and $2 {@code arg}. */
    private void run(String command, String... arg) {
        try {
            Process p = new ProcessBuilder(Stream.concat(Stream.of("bash", "-c", "source \"$0\" && " + command, SCRIPT.toString(),
                    dir.toString()), Stream.of(arg)).toList()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(SCRIPT + " failed (" + command + " in " + dir + "):\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making certificates", e);
        }
    }

    private void delete() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no failure
        }
    }

    /** bin/lib/pki.sh of the repository the tests run in (the working directory is a module of it). */
    private static Path findScript() {
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path script = d.resolve("bin/lib/pki.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("no bin/lib/pki.sh above " + System.getProperty("user.dir"));
    }
}
