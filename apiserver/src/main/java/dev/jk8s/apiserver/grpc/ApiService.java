package dev.jk8s.apiserver.grpc;

import com.google.protobuf.ByteString;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.BuildInfo;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.FieldSelector;
import dev.jk8s.api.Reason;
import dev.jk8s.api.Selector;
import dev.jk8s.api.wire.WireErrors;
import dev.jk8s.apiserver.ServerMetrics;
import dev.jk8s.apiserver.logs.PodLogs;
import dev.jk8s.apiserver.registry.DeleteOptions;
import dev.jk8s.apiserver.registry.KindStore;
import dev.jk8s.apiserver.registry.ListResult;
import dev.jk8s.apiserver.registry.Registry;
import dev.jk8s.apiserver.storage.StorageException;
import dev.jk8s.apiserver.watch.WatchRequest;
import dev.jk8s.proto.ApiGrpc;
import dev.jk8s.proto.DeleteRequest;
import dev.jk8s.proto.GetRequest;
import dev.jk8s.proto.ListReply;
import dev.jk8s.proto.ListRequest;
import dev.jk8s.proto.LogChunk;
import dev.jk8s.proto.LogsRequest;
import dev.jk8s.proto.ObjectReply;
import dev.jk8s.proto.VersionReply;
import dev.jk8s.proto.VersionRequest;
import dev.jk8s.proto.WatchBatch;
import dev.jk8s.proto.WriteRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC face of the {@link Registry}: decodes requests, calls the kind's store, encodes
 * replies, and maps every failure to a gRPC status in one place ({@link WireErrors}).
 * Stateless and thread-safe.
 */
public final class ApiService extends ApiGrpc.ApiImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(ApiService.class);

    private final Registry registry;
    private final PodLogs logs;
    private final ServerMetrics metrics;

    public ApiService(Registry registry, PodLogs logs, ServerMetrics metrics) {
        this.registry = registry;
        this.logs = logs;
        this.metrics = metrics;
    }

    @Override
    public void create(WriteRequest req, StreamObserver<ObjectReply> out) {
        async("create", req.getResource(), out,
                () -> createIn(registry.forResource(req.getResource()), req).thenApply(ApiService::reply));
    }

    /** Creates hold no thread while etcd commits: the reply is sent when the store answers. */
    private <T extends ApiObject> CompletableFuture<T> createIn(KindStore<T> ks, WriteRequest req) {
        return ks.createAsync(namespace(req.getNamespace()), Codec.decode(req.getObject().toByteArray(), ks.kind()),
                req.getDryRun());
    }

    @Override
    public void get(GetRequest req, StreamObserver<ObjectReply> out) {
        unary("get", req.getResource(), out,
                () -> reply(registry.forResource(req.getResource()).get(namespace(req.getNamespace()), req.getName())));
    }

    @Override
    public void list(ListRequest req, StreamObserver<ListReply> out) {
        unary("list", req.getResource(), out, () -> listIn(registry.forResource(req.getResource()), req));
    }

    private <T extends ApiObject> ListReply listIn(KindStore<T> ks, ListRequest req) {
        ListResult<T> r = ks.list(namespace(req.getNamespace()), Selector.parse(req.getLabelSelector()),
                FieldSelector.parse(req.getFieldSelector(), ks.kind()), (int) Math.min(req.getLimit(), Integer.MAX_VALUE),
                req.getContinueToken());
        ListReply.Builder b = ListReply.newBuilder().setResourceVersion(r.revision());
        r.items().forEach(o -> b.addItems(ByteString.copyFrom(Codec.encode(o))));
        if (r.continueToken() != null) {
            b.setContinueToken(r.continueToken());
        }
        return b.build();
    }

    @Override
    public void update(WriteRequest req, StreamObserver<ObjectReply> out) {
        unary("update", req.getResource(), out, () -> reply(updateIn(registry.forResource(req.getResource()), req, false)));
    }

    @Override
    public void updateStatus(WriteRequest req, StreamObserver<ObjectReply> out) {
        unary("update-status", req.getResource(), out,
                () -> reply(updateIn(registry.forResource(req.getResource()), req, true)));
    }

    private <T extends ApiObject> T updateIn(KindStore<T> ks, WriteRequest req, boolean status) {
        T obj = Codec.decode(req.getObject().toByteArray(), ks.kind());
        String ns = namespace(req.getNamespace());
        return status ? ks.updateStatus(ns, obj, req.getDryRun()) : ks.update(ns, obj, req.getDryRun());
    }

    @Override
    public void delete(DeleteRequest req, StreamObserver<ObjectReply> out) {
        DeleteOptions options = new DeleteOptions(req.getHasGracePeriod() ? req.getGracePeriodSeconds() : null,
                req.getPropagationPolicy().isEmpty() ? null : req.getPropagationPolicy(),
                req.getPreconditionUid().isEmpty() ? null : req.getPreconditionUid(),
                req.getPreconditionResourceVersion(), req.getDryRun());
        unary("delete", req.getResource(), out, () -> reply(
                registry.forResource(req.getResource()).delete(namespace(req.getNamespace()), req.getName(), options)));
    }

    @Override
    public void watch(dev.jk8s.proto.WatchRequest req, StreamObserver<WatchBatch> out) {
        long start = System.nanoTime();
        try {
            KindStore<?> ks = registry.forResource(req.getResource());
            WatchRequest wr = new WatchRequest(namespace(req.getNamespace()), Selector.parse(req.getLabelSelector()),
                    FieldSelector.parse(req.getFieldSelector(), ks.kind()), req.getResourceVersion(),
                    req.getSendInitialEvents(), req.getAllowBookmarks());
            ks.watch(wr, new GrpcWatchSink((ServerCallStreamObserver<WatchBatch>) out));
            metrics.observe("watch", req.getResource(), "OK", seconds(start));
        } catch (RuntimeException e) {
            ApiException api = toApi(e);
            metrics.observe("watch", req.getResource(), api.reason().wireName(), seconds(start));
            out.onError(WireErrors.toStatus(api));
        }
    }

    @Override
    public void logs(LogsRequest req, StreamObserver<LogChunk> out) {
        long start = System.nanoTime();
        try {
            logs.stream(req, (ServerCallStreamObserver<LogChunk>) out,
                    e -> metrics.observe("logs", "pods", e == null ? "OK" : e.reason().wireName(), seconds(start)));
        } catch (RuntimeException e) {
            ApiException api = toApi(e);
            metrics.observe("logs", "pods", api.reason().wireName(), seconds(start));
            out.onError(WireErrors.toStatus(api));
        }
    }

    @Override
    public void version(VersionRequest req, StreamObserver<VersionReply> out) {
        unary("version", "", out, () -> VersionReply.newBuilder()
                .setVersion(BuildInfo.version())
                .setJavaVersion(Runtime.version().toString())
                .setPlatform(System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + System.getProperty("os.arch"))
                .build());
    }

    private <R> void unary(String verb, String resource, StreamObserver<R> out, Supplier<R> call) {
        async(verb, resource, out, () -> CompletableFuture.completedFuture(call.get()));
    }

    private <R> void async(String verb, String resource, StreamObserver<R> out, Supplier<CompletableFuture<R>> call) {
        long start = System.nanoTime();
        CompletableFuture<R> result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((r, error) -> finish(verb, resource, out, start, r, error));
    }

    private <R> void finish(String verb, String resource, StreamObserver<R> out, long start, R result, Throwable error) {
        if (error != null) {
            ApiException api = toApi(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            metrics.observe(verb, resource, api.reason().wireName(), seconds(start));
            out.onError(WireErrors.toStatus(api));
            return;
        }
        metrics.observe(verb, resource, "OK", seconds(start));
        out.onNext(result);
        out.onCompleted();
    }

    private static ApiException toApi(Throwable e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof StorageException s) {
            return s.code() == StorageException.Code.COMPACTED ? ApiException.expired(s.getMessage())
                    : ApiException.unavailable(s.getMessage());
        }
        String id = java.util.UUID.randomUUID().toString().substring(0, 8);
        LOG.error("internal error {}", id, e);
        return ApiException.of(Reason.INTERNAL, "internal error " + id + " in the apiserver; its log has the details");
    }

    private static ObjectReply reply(ApiObject o) {
        return ObjectReply.newBuilder().setObject(ByteString.copyFrom(Codec.encode(o))).build();
    }

    private static String namespace(String ns) {
        return ns == null || ns.isEmpty() ? null : ns;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
