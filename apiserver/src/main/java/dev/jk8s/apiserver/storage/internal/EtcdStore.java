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

/**
 * {@link Store} on etcd through jetcd. Writes are single transactions guarded by the key's
 * version or modRevision; every call has a deadline, after which it fails UNAVAILABLE naming
 * the endpoints. Thread-safe.
 */
public final class EtcdStore implements Store {

    private final Client client;
    private final KV kv;
    private final String endpoints;
    private final Duration timeout;

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
    }

    @Override
    public long create(String key, byte[] value) {
        ByteSequence k = bytes(key);
        TxnResponse r = await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.version(0)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw StorageException.of(Code.KEY_EXISTS, key + " exists");
        }
        return r.getHeader().getRevision();
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
        TxnResponse r = await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw casFailure(key, r);
        }
        return r.getHeader().getRevision();
    }

    @Override
    public long delete(String key, long expectedRevision) {
        ByteSequence k = bytes(key);
        TxnResponse r = await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
                .Then(Op.delete(k, DeleteOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw casFailure(key, r);
        }
        return r.getHeader().getRevision();
    }

    private static StorageException casFailure(String key, TxnResponse r) {
        boolean gone = r.getGetResponses().isEmpty() || r.getGetResponses().get(0).getKvs().isEmpty();
        return StorageException.of(gone ? Code.NOT_FOUND : Code.CONFLICT, key + (gone ? " not found" : " was modified"));
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        WatchOption option = WatchOption.builder()
                .withRange(prefixEnd(prefix))
                .withRevision(afterRevision + 1)
                .withPrevKV(true)
                .build();
        io.etcd.jetcd.Watch.Watcher w = client.getWatchClient().watch(bytes(prefix), option,
                response -> listener.onEvents(toEvents(response)),
                error -> listener.onError(watchFailure(error)));
        return w::close;
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

    private StorageException watchFailure(Throwable error) {
        if (error instanceof CompactedException c) {
            return new StorageException(Code.COMPACTED, "the requested revision has been compacted",
                    c.getCompactedRevision(), c);
        }
        return new StorageException(Code.UNAVAILABLE, "watch on etcd at " + endpoints + " failed: " + error.getMessage(),
                0, error);
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
            throw translate(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted", e);
        }
    }

    private StorageException translate(Throwable cause) {
        if (cause instanceof CompactedException c) {
            return new StorageException(Code.COMPACTED, "the requested revision has been compacted",
                    c.getCompactedRevision(), c);
        }
        String msg = String.valueOf(cause.getMessage());
        if (msg.contains("compacted")) {
            return new StorageException(Code.COMPACTED, "the requested revision has been compacted", 0, cause);
        }
        return unavailable(msg, cause);
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
