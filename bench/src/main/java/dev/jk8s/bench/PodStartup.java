package dev.jk8s.bench;

import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.testkit.EtcdServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Pod startup latency: from the create call until a watch sees the pod Running with every
 * container running, for pods started one by one and all at once by a kubelet running as its own
 * process, against the same image started with {@code docker run -d} (bare), and against the
 * pod's two containers started by hand (pod-equivalent), in alternating rounds of one run. Prints
 * p50 and p99 of each, the ratios, where the time goes, and the kubelet's memory.
 *
 * <p>Usage, from the repository root after {@code mvn -B -q install -DskipTests -DskipITs} and
 * {@code images/build}:
 * <pre>
 *   java -jar bench/target/jk8s-bench-0.1.0-SNAPSHOT-all.jar pod-startup [--pods 20] [--rounds 3]
 * </pre>
 * It starts a private etcd and an in-process apiserver, launches the kubelet jar with the JVM
 * flags {@code bin/cluster} gives kubelets, and on the way out (also on failure or Ctrl-C) stops
 * that kubelet by its pid and removes every container labelled with its node or with the run's
 * {@code jk8s.dev/bench} label. Nothing is pulled: the images must be on the engine.
 */
@Command(name = "pod-startup", mixinStandardHelpOptions = true,
        description = "Pod create → Running (seen by a watch) through a kubelet vs docker run of the same image.")
final class PodStartup implements Callable<Integer> {

    @Option(names = "--pods", defaultValue = "20", description = "Pods per phase and side (default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds after one warm-up round (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--kubelet-jar", defaultValue = "kubelet/target/jk8s-kubelet-0.1.0-SNAPSHOT-all.jar",
            description = "The kubelet's shaded jar (default: ${DEFAULT-VALUE}).")
    Path kubeletJar;

    @Option(names = "--kubelet-jvm-flags", defaultValue = "-Xms8m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -Xss256k -Dio.netty.allocator.type=unpooled -XX:MaxDirectMemorySize=32m",
            description = "The kubelet's JVM flags, as bin/cluster gives them (default: ${DEFAULT-VALUE}).")
    String kubeletJvmFlags;

    @Option(names = "--kubelet-arg", description = "An extra kubelet flag, e.g. --kubelet-arg=--workers=20 (repeatable).")
    List<String> kubeletArgs = List.of();

    @Option(names = "--image", defaultValue = "jk8s/busybox:1.0", description = "The pods' image, run as `sleep 3600` (default: ${DEFAULT-VALUE}).")
    String image;

    @Option(names = "--sandbox-image", defaultValue = "jk8s/pause:1.0", description = "The kubelet's sandbox image (default: ${DEFAULT-VALUE}).")
    String sandboxImage;

    @Option(names = "--phase-timeout", defaultValue = "120", description = "Seconds a phase (or a removal) may take (default: ${DEFAULT-VALUE}).")
    int phaseTimeoutSeconds;

    @Option(names = "--no-fsync", description = "Start the private etcd with --unsafe-no-fsync (the tests' setting).")
    boolean noFsync;

    private final AtomicReference<KubeletProcess> kubelet = new AtomicReference<>();
    private String runLabel;

    @Override
    public Integer call() throws Exception {
        DockerCli.requireImages(List.of(image, sandboxImage));
        String run = UUID.randomUUID().toString().substring(0, 8);
        runLabel = "jk8s.dev/bench=" + run;
        Thread hook = new Thread(this::cleanUp, "pod-startup-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Path dir = Files.createTempDirectory("jk8s-pod-startup");
        try (EtcdServer etcd = (noFsync ? new EtcdServer() : EtcdServer.durable()).start();
             ApiServer api = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
             ApiClient client = ApiClient.connect("127.0.0.1:" + api.port(), Duration.ofSeconds(20));
             DockerEvents events = DockerEvents.start("p" + run + "-")) {
            return measure(client, api.port(), run, dir, events);
        } finally {
            cleanUp();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private int measure(ApiClient client, int apiPort, String run, Path dir, DockerEvents events) throws Exception {
        String node = "bench-" + run;
        KubeletProcess k = KubeletProcess.launch(kubeletJar, Arrays.asList(kubeletJvmFlags.trim().split("\\s+")), node,
                "127.0.0.1:" + apiPort, dir, kubeletArgs);
        kubelet.set(k);
        k.awaitReady(client, Duration.ofSeconds(60));
        System.out.printf("pod startup: %d pods per phase and side, %d rounds after a warm-up; image %s; node %s, kubelet pid %d (%s), log %s%n",
                pods, rounds, image, node, k.pid(), (kubeletJvmFlags + " " + String.join(" ", kubeletArgs)).trim(), k.log());
        Duration timeout = Duration.ofSeconds(phaseTimeoutSeconds);
        try (KubeletPods kubeletPods = new KubeletPods(client, node, runLabel, image, timeout)) {
            StartupRounds r = new StartupRounds(List.of(DockerBaseline.bare(runLabel, image),
                    DockerBaseline.podEquivalent(runLabel, sandboxImage, image)), kubeletPods, k, new StartupProfile(events),
                    "p" + run + "-", pods, timeout, System.out);
            r.run(rounds);
            r.report(k.memory().peakKib());
        } catch (Exception | Error e) {
            System.err.println("pod-startup: failed; the kubelet's log is " + k.log() + " (kept)");
            throw e;
        } finally {
            k.close(); // before the apiserver goes: the kubelet leaves quietly, its containers are removed
        }
        deleteQuietly(dir);
        return 0;
    }

    /** Stops the kubelet (by pid) and removes every container of its node and of the baselines. Idempotent. */
    private void cleanUp() {
        KubeletProcess k = kubelet.get();
        try {
            if (k != null) {
                k.close();
            }
        } finally {
            if (runLabel != null) {
                DockerCli.removeLabelled(runLabel);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left in /tmp
        }
    }
}
