package dev.jk8s.apiserver.storage.internal;

import dev.jk8s.apiserver.storage.StorageException;
import dev.jk8s.apiserver.storage.StorageException.Code;
import dev.jk8s.apiserver.storage.Store;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Store} on etcd through jetcd. Every write is guarded by the key's version or modRevision
 * and goes through a {@link GroupCommitter}, so that concurrent writes share etcd transactions.
 * Every call has a deadline, after which it fails UNAVAILABLE naming the endpoints (a write that
 * has not been sent by then never is). Thread-safe.
 */
public final class EtcdStore implements Store {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdStore.class);

    private final Client client;
    private final KV kv;
    private final String endpoints;
    private final Duration timeout;
    private final GroupCommitter committer;

    public EtcdStore(String endpoints, Duration timeout) {
        this.endpoints = endpoints;
        this.timeout = timeout;
        this.client = Client.builder()
                .endpoints(endpoints.split(","))
                .connectTimeout(Duration.ofSeconds(2))
                // jetcd must give up before our deadline does, or a write we reported as failed could still happen
                .retryMaxDuration(timeout.dividedBy(2))
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build();
        this.kv = client.getKVClient();
        this.committer = new GroupCommitter(kv);
    }

    @Override
    public CompletableFuture<Long> createAsync(String key, byte[] value) {
        ByteSequence k = bytes(key);
        CompletableFuture<Long> result = new CompletableFuture<>();
        committer.submit(new GroupCommitter.Write(k, new Cmp(k, Cmp.Op.EQUAL, CmpTarget.version(0)),
                Op.put(k, ByteSequence.from(value), PutOption.DEFAULT), value.length + k.size(), r -> {
                    if (!r.isSucceeded()) {
                        throw StorageException.of(Code.KEY_EXISTS, key + " exists");
                    }
                    return r.getHeader().getRevision();
                }, result));
        // on timeout the result completes first, so the committer drops the write if not yet sent
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(asStorageException(e)));
    }

    private StorageException asStorageException(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof StorageException s) {
            return s;
        }
        if (cause instanceof TimeoutException t) {
            return unavailable("no answer within " + timeout.toSeconds() + "s", t);
        }
        return translate(cause);
    }

    @Override
    public Optional<Store.KeyValue> get(String key) {
        GetResponse r = await(kv.get(bytes(key)));
        return r.getKvs().stream().findFirst().map(EtcdStore::toKeyValue);
    }

    @Override
    public Page list(String prefix, String fromKey, long revision, int limit) {
        GetOption.Builder opt = GetOption.builder()
                .withRange(prefixEnd(prefix))
                .withRevision(revision)
                .withLimit(limit);
        GetResponse r = await(kv.get(bytes(fromKey == null ? prefix : fromKey), opt.build()));
        List<Store.KeyValue> items = new ArrayList<>(r.getKvs().size());
        r.getKvs().forEach(kv -> items.add(toKeyValue(kv)));
        return new Page(items, r.getHeader().getRevision(), r.isMore());
    }

    @Override
    public long update(String key, byte[] value, long expectedRevision) {
        ByteSequence k = bytes(key);
        return write(k, new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)),
                Op.put(k, ByteSequence.from(value), PutOption.DEFAULT), value.length, r -> casResult(key, r));
    }

    @Override
    public long delete(String key, long expectedRevision) {
        ByteSequence k = bytes(key);
        return write(k, new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)),
                Op.delete(k, DeleteOption.DEFAULT), 0, r -> casResult(key, r));
    }

    /** Every write goes through the group committer, guarded by its compare. */
    private long write(ByteSequence key, Cmp compare, Op op, int bytes, java.util.function.Function<TxnResponse, Long> alone) {
        return await(committer.submit(new GroupCommitter.Write(key, compare, op, bytes + key.size(), alone,
                new CompletableFuture<>())));
    }

    private static long casResult(String key, TxnResponse r) {
        if (!r.isSucceeded()) {
            throw casFailure(key, r);
        }
        return r.getHeader().getRevision();
    }

    private static StorageException casFailure(String key, TxnResponse r) {
        boolean gone = r.getGetResponses().isEmpty() || r.getGetResponses().get(0).getKvs().isEmpty();
        return StorageException.of(gone ? Code.NOT_FOUND : Code.CONFLICT, key + (gone ? " not found" : " was modified"));
    }

    /**
     * jetcd resumes a watch by itself after a transient failure (and tells the listener); only a
     * compaction, or a watch jetcd gave up on, ends it, and only those reach {@code listener.onError}.
     */
    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        WatchOption option = WatchOption.builder()
                .withRange(prefixEnd(prefix))
                .withRevision(afterRevision + 1)
                .withPrevKV(true)
                .build();
        AtomicReference<io.etcd.jetcd.Watch.Watcher> self = new AtomicReference<>();
        AtomicBoolean closedByUs = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        io.etcd.jetcd.Watch.Watcher w = client.getWatchClient().watch(bytes(prefix), option,
                response -> {
                    if (interrupted.getAndSet(false)) {
                        LOG.info("watch of {} on etcd at {} resumed", prefix, endpoints);
                    }
                    listener.onEvents(toEvents(response));
                },
                error -> onWatchError(prefix, error, self, closedByUs, listener, interrupted));
        self.set(w);
        return () -> {
            closedByUs.set(true);
            w.close();
        };
    }

    private void onWatchError(String prefix, Throwable error, AtomicReference<io.etcd.jetcd.Watch.Watcher> watcher,
                              AtomicBoolean closedByUs, WatchListener listener, AtomicBoolean interrupted) {
        if (error instanceof CompactedException c) {
            listener.onError(compacted(c));
            return;
        }
        if (!interrupted.getAndSet(true)) { // jetcd retries every half second: say it once per outage
            LOG.warn("watch of {} on etcd at {} interrupted ({}); resuming", prefix, endpoints, error.getMessage());
        }
        // jetcd decides after telling us whether it resumes: look again once it has
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> {
            io.etcd.jetcd.Watch.Watcher w = watcher.get();
            if (w != null && w.isClosed() && !closedByUs.get()) {
                listener.onError(new StorageException(Code.UNAVAILABLE, "watch on etcd at " + endpoints
                        + " ended: " + error.getMessage(), 0, error));
            }
        });
    }

    private static List<Event> toEvents(WatchResponse response) {
        List<Event> events = new ArrayList<>(response.getEvents().size());
        for (WatchEvent e : response.getEvents()) {
            io.etcd.jetcd.KeyValue kv = e.getKeyValue();
            io.etcd.jetcd.KeyValue prev = e.getPrevKV();
            byte[] prevValue = prev == null || prev.getValue().isEmpty() ? null : prev.getValue().getBytes();
            boolean put = e.getEventType() == WatchEvent.EventType.PUT;
            events.add(new Event(put ? EventType.PUT : EventType.DELETE, kv.getKey().toString(StandardCharsets.UTF_8),
                    put ? kv.getValue().getBytes() : null, prevValue, prev == null ? 0 : prev.getModRevision(),
                    kv.getModRevision()));
        }
        return events;
    }

    @Override
    public long currentRevision() {
        return await(kv.get(bytes("/"), GetOption.builder().withCountOnly(true).build())).getHeader().getRevision();
    }

    @Override
    public void compact(long revision) {
        await(kv.compact(revision));
    }

    @Override
    public String endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable("no answer within " + timeout.toSeconds() + "s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StorageException s) {
                throw s;
            }
            throw translate(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted", e);
        }
    }

    private StorageException translate(Throwable cause) {
        if (cause instanceof CompactedException c) {
            return compacted(c);
        }
        String msg = String.valueOf(cause.getMessage());
        if (msg.contains("compacted")) {
            return new StorageException(Code.COMPACTED, "the requested revision has been compacted", 0, cause);
        }
        return unavailable(msg, cause);
    }

    private static StorageException compacted(CompactedException c) {
        return new StorageException(Code.COMPACTED, "the requested revision has been compacted", c.getCompactedRevision(), c);
    }

    private StorageException unavailable(String why, Throwable cause) {
        return new StorageException(Code.UNAVAILABLE, "etcd at " + endpoints + " is unreachable (" + why
                + "); the apiserver keeps retrying and recovers when etcd answers again", 0, cause);
    }

    private static Store.KeyValue toKeyValue(io.etcd.jetcd.KeyValue kv) {
        return new Store.KeyValue(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().getBytes(),
                kv.getModRevision());
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** The first key after every key starting with {@code prefix}: the prefix with its last byte + 1. */
    private static ByteSequence prefixEnd(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        return ByteSequence.from(end);
    }
}
