package dev.jk8s.apiserver.storage.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Group commit: writes that arrive while earlier ones are in flight to etcd go together in one
 * transaction, {@code If(every write's compare) Then(every write's operation)}. Each write keeps
 * its own compare-and-swap guard, so nothing is written that would not have been written alone;
 * if any guard fails, the writes of that group are retried one by one to find out which. Writes
 * of one group share one revision, as the keys of any etcd transaction do.
 *
 * <p>Under load this turns many small etcd round trips into few larger ones; alone, a write
 * goes out at once, as its own transaction. A group never holds two writes to one key, never
 * more than {@link #MAX_OPS} operations (etcd's default limit is 128) or {@link #MAX_BYTES}.
 * Thread-safe; completions run on jetcd's threads.
 */
final class GroupCommitter {

    static final int MAX_OPS = 64;
    static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_IN_FLIGHT = 1;

    /**
     * One guarded write: its compare, its operation, and how to read the answer of a
     * transaction that holds only this write ({@code If(compare) Then(op) Else(get key)}).
     */
    record Write(ByteSequence key, Cmp compare, Op operation, int bytes, Function<TxnResponse, Long> alone,
                 CompletableFuture<Long> result) {
    }

    private final KV kv;
    private final ArrayDeque<Write> waiting = new ArrayDeque<>();
    private int inFlight;

    GroupCommitter(KV kv) {
        this.kv = kv;
    }

    /** Queues the write; the future completes with its revision, or the failure {@code alone} reports. */
    CompletableFuture<Long> submit(Write write) {
        synchronized (this) {
            waiting.add(write);
        }
        sendIfPossible();
        return write.result();
    }

    private void sendIfPossible() {
        List<Write> group;
        synchronized (this) {
            if (inFlight >= MAX_IN_FLIGHT || waiting.isEmpty()) {
                return;
            }
            group = takeGroup();
            inFlight++;
        }
        CompletableFuture<?> done;
        try {
            done = group.isEmpty() ? CompletableFuture.completedFuture(null) : commit(group);
        } catch (RuntimeException e) {
            group.forEach(w -> w.result().completeExceptionally(e));
            done = CompletableFuture.completedFuture(null);
        }
        done.whenComplete((ignored, error) -> {
            synchronized (this) {
                inFlight--;
            }
            sendIfPossible();
        });
    }

    /** The oldest waiting writes that fit one transaction; a second write to a key waits for the next. */
    private List<Write> takeGroup() {
        List<Write> group = new ArrayList<>();
        Set<ByteSequence> keys = new HashSet<>();
        int bytes = 0;
        for (Iterator<Write> it = waiting.iterator(); it.hasNext() && group.size() < MAX_OPS; ) {
            Write w = it.next();
            if (w.result().isDone()) {
                it.remove(); // its caller gave up waiting (and was told so): it must not be written now
                continue;
            }
            if (!group.isEmpty() && bytes + w.bytes() > MAX_BYTES) {
                break;
            }
            if (keys.add(w.key())) {
                group.add(w);
                bytes += w.bytes();
                it.remove();
            }
        }
        return group;
    }

    private CompletableFuture<?> commit(List<Write> group) {
        if (group.size() == 1) {
            return commitAlone(group.get(0));
        }
        Cmp[] compares = group.stream().map(Write::compare).toArray(Cmp[]::new);
        Op[] operations = group.stream().map(Write::operation).toArray(Op[]::new);
        return kv.txn().If(compares).Then(operations).commit().handle((response, error) -> {
            if (error != null) {
                group.forEach(w -> w.result().completeExceptionally(error));
            } else if (response.isSucceeded()) {
                long revision = response.getHeader().getRevision();
                group.forEach(w -> w.result().complete(revision));
            } else {
                // some guard failed: each write finds out alone, and the group counts in flight until they have
                return CompletableFuture.allOf(group.stream().map(this::commitAlone).toArray(CompletableFuture[]::new));
            }
            return CompletableFuture.completedFuture(null);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<?> commitAlone(Write w) {
        return kv.txn().If(w.compare()).Then(w.operation()).Else(Op.get(w.key(), io.etcd.jetcd.options.GetOption.DEFAULT))
                .commit().handle((response, error) -> {
                    if (error != null) {
                        w.result().completeExceptionally(error);
                    } else {
                        try {
                            w.result().complete(w.alone().apply(response));
                        } catch (RuntimeException e) {
                            w.result().completeExceptionally(e);
                        }
                    }
                    return null;
                });
    }
}
