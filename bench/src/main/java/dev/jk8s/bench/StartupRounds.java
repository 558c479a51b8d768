package dev.jk8s.bench;

import dev.jk8s.bench.PodStarter.Sample;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Runs the pod startup rounds and prints them: a warm-up round (discarded), then {@code rounds}
 * rounds; in each, for each phase (one by one, all at once), every side starts {@code pods} pods
 * and removes them again, in an order that flips every round so that no side always goes first
 * on a noisy machine. Not thread-safe: one run, one thread.
 */
final class StartupRounds {

    enum Phase {
        SEQUENTIAL("one by one"), CONCURRENT("all at once");

        final String words;

        Phase(String words) {
            this.words = words;
        }

        String tag() {
            return name().substring(0, 3).toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final List<PodStarter> sides;
    private final PodStarter kubelet;
    private final KubeletProcess process;
    private final StartupProfile profile;
    private final String podPrefix;
    private final int pods;
    private final Duration phaseTimeout;
    private final PrintStream out;
    /** Measured samples: phase → side → one list per round. */
    private final Map<Phase, Map<PodStarter, List<List<Sample>>>> results = new LinkedHashMap<>();
    private final List<Double> rssMib = new ArrayList<>();

    StartupRounds(List<PodStarter> baselines, PodStarter kubelet, KubeletProcess process, StartupProfile profile,
                  String podPrefix, int pods, Duration phaseTimeout, PrintStream out) {
        this.sides = new ArrayList<>(baselines);
        this.sides.add(kubelet);
        this.kubelet = kubelet;
        this.process = process;
        this.profile = profile;
        this.podPrefix = podPrefix;
        this.pods = pods;
        this.phaseTimeout = phaseTimeout;
        this.out = out;
        for (Phase p : Phase.values()) {
            Map<PodStarter, List<List<Sample>>> bySide = new LinkedHashMap<>();
            sides.forEach(s -> bySide.put(s, new ArrayList<>()));
            results.put(p, bySide);
        }
    }

    /** Round 0 is the warm-up. */
    void run(int rounds) throws Exception {
        for (int r = 0; r <= rounds; r++) {
            List<PodStarter> order = new ArrayList<>(sides);
            if (r % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Phase phase : Phase.values()) {
                for (PodStarter side : order) {
                    runPhase(r, phase, side);
                }
            }
        }
    }

    private void runPhase(int round, Phase phase, PodStarter side) throws Exception {
        List<String> names = IntStream.range(0, pods).mapToObj(i -> String.format("%s%s-r%d-%s-%02d", podPrefix,
                side == kubelet ? "k" : side.label().startsWith("bare") ? "b" : "e", round, phase.tag(), i)).toList();
        long cpu = side == kubelet ? CpuTime.ofProcess(process.pid()) : 0;
        List<Sample> samples = phase == Phase.SEQUENTIAL ? sequential(side, names) : concurrent(side, names);
        String extra = "";
        if (side == kubelet) {
            extra = String.format("; kubelet CPU %.0f ms per pod", (CpuTime.ofProcess(process.pid()) - cpu) / 1e6 / pods);
            if (phase == Phase.CONCURRENT) {
                extra += memoryNow(round > 0);
            }
        }
        side.removeAll();
        List<Double> ms = samples.stream().map(Sample::millis).toList();
        out.printf("%s %d, %s, %s: p50 %.0f ms, p99 %.0f ms%s%n", round == 0 ? "warm-up" : "round", round, phase.words,
                side.label(), Stats.percentile(ms, 50), Stats.percentile(ms, 99), extra);
        if (round > 0) {
            results.get(phase).get(side).add(samples);
        }
    }

    private String memoryNow(boolean keep) throws IOException {
        KubeletProcess.Memory m = process.memory();
        if (keep) {
            rssMib.add(m.rssKib() / 1024.0);
        }
        return String.format("; kubelet with %d pods: VmRSS %.1f MiB, VmHWM %.1f MiB", pods, m.rssKib() / 1024.0, m.peakKib() / 1024.0);
    }

    private List<Sample> sequential(PodStarter side, List<String> names) throws Exception {
        long deadline = System.nanoTime() + phaseTimeout.toNanos();
        List<Sample> samples = new ArrayList<>();
        for (String name : names) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(side.label() + ": " + names.size() + " starts one by one took over "
                        + phaseTimeout.toSeconds() + " s");
            }
            samples.add(side.start(name));
        }
        return samples;
    }

    /** Every start on its own thread, released together once all threads are waiting. */
    private List<Sample> concurrent(PodStarter side, List<String> names) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        CountDownLatch ready = new CountDownLatch(names.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Sample>> futures = names.stream().map(n -> pool.submit(() -> {
                ready.countDown();
                go.await();
                return side.start(n);
            })).toList();
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            long deadline = System.nanoTime() + phaseTimeout.toNanos();
            List<Sample> samples = new ArrayList<>();
            for (Future<Sample> f : futures) {
                samples.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return samples;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The summary: per phase, each side's p50 and p99, the ratios, and where the time goes. */
    void report(long peakKib) {
        for (Phase phase : Phase.values()) {
            Map<PodStarter, List<List<Sample>>> bySide = results.get(phase);
            int rounds = bySide.get(kubelet).size();
            out.printf("%n%s: %d pods %s x %d rounds (p50 / p99 over %d starts per side; in brackets each round's p50)%n",
                    phase.words, pods, phase.words, rounds, rounds * pods);
            bySide.forEach((side, perRound) -> out.printf("  %-32s p50 %6.0f ms  p99 %6.0f ms  %s%n", side.label(),
                    p(perRound, 50), p(perRound, 99), roundP50s(perRound)));
            for (PodStarter base : sides.subList(0, sides.size() - 1)) {
                out.printf("  ratio kubelet / %-30s p50 %.2f  p99 %.2f  (median of the rounds' p50 ratios %.2f)%s%n",
                        base.label(), p(bySide.get(kubelet), 50) / p(bySide.get(base), 50),
                        p(bySide.get(kubelet), 99) / p(bySide.get(base), 99), roundRatio(bySide.get(kubelet), bySide.get(base)),
                        base == sides.get(sides.size() - 2) ? "  target p50 <= 1.3" : "");
            }
            out.printf("  where the time goes, median ms per step:%n");
            bySide.forEach((side, perRound) -> out.printf("    %-32s %s%n", side.label(),
                    profile.describe(flat(perRound), side == kubelet ? "seen Running" : "docker returned")));
        }
        out.printf("%nkubelet memory with %d pods running: VmRSS %.1f MiB (median of rounds %s), peak VmHWM %.1f MiB (target <= 120 MiB)%n",
                pods, Stats.median(rssMib), rssMib.stream().map(v -> String.format("%.1f", v)).toList(), peakKib / 1024.0);
    }

    private static double p(List<List<Sample>> perRound, double p) {
        return Stats.percentile(flat(perRound).stream().map(Sample::millis).toList(), p);
    }

    private static List<Sample> flat(List<List<Sample>> perRound) {
        return perRound.stream().flatMap(List::stream).toList();
    }

    private static String roundP50s(List<List<Sample>> perRound) {
        return perRound.stream().map(r -> String.format("%.0f", Stats.percentile(r.stream().map(Sample::millis).toList(), 50)))
                .toList().toString();
    }

    private static double roundRatio(List<List<Sample>> kubelet, List<List<Sample>> base) {
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < kubelet.size(); r++) {
            ratios.add(Stats.percentile(kubelet.get(r).stream().map(Sample::millis).toList(), 50)
                    / Stats.percentile(base.get(r).stream().map(Sample::millis).toList(), 50));
        }
        return Stats.median(ratios);
    }
}
