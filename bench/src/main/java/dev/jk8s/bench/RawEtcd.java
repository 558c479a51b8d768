package dev.jk8s.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The baseline the benchmarks divide by: a create straight into etcd with jetcd, as the apiserver's
 * storage does it (a transaction {@code If(version(key) == 0) Then(put)}), and a closed-loop load
 * of {@code n} operations over {@code clients} threads.
 */
final class RawEtcd {

    private RawEtcd() {
    }

    /** One compare-and-swap create of {@code value} at {@code key}; waits for etcd's answer. */
    static void casCreate(KV kv, String key, byte[] value) {
        ByteSequence k = ByteSequence.from(key, StandardCharsets.UTF_8);
        try {
            kv.txn().If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.version(0)))
                    .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                    .commit().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs operations {@code 0 .. n-1} over {@code clients} threads, each taking the next index as
     * soon as its previous operation returned; returns the elapsed nanoseconds. Fails after
     * {@code timeoutSeconds} (the threads are interrupted).
     */
    static long closedLoop(int clients, int n, long timeoutSeconds, IntConsumer op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        op.accept(i);
                    }
                }));
            }
            for (Future<?> f : futures) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(next.get() + " of " + n + " operations started after " + timeoutSeconds + " s");
                }
                f.get(left, TimeUnit.NANOSECONDS);
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }
}
