package dev.jk8s.apiserver.grpc;

import com.google.protobuf.ByteString;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.BuildInfo;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.FieldSelector;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Reason;
import dev.jk8s.api.Selector;
import dev.jk8s.api.validation.Names;
import dev.jk8s.api.wire.WireErrors;
import dev.jk8s.apiserver.ServerMetrics;
import dev.jk8s.apiserver.auth.Access;
import dev.jk8s.apiserver.auth.Attributes;
import dev.jk8s.apiserver.auth.AuditEvent;
import dev.jk8s.apiserver.auth.AuditLog;
import dev.jk8s.apiserver.auth.Decision;
import dev.jk8s.apiserver.auth.NodeAuthorizer;
import dev.jk8s.apiserver.auth.NodeCredentials;
import dev.jk8s.apiserver.auth.RbacEscalation;
import dev.jk8s.apiserver.auth.Security;
import dev.jk8s.apiserver.auth.UserInfo;
import dev.jk8s.apiserver.logs.PodLogs;
import dev.jk8s.apiserver.registry.DeleteOptions;
import dev.jk8s.apiserver.registry.KindStore;
import dev.jk8s.apiserver.registry.ListResult;
import dev.jk8s.apiserver.registry.Registry;
import dev.jk8s.apiserver.storage.StorageException;
import dev.jk8s.apiserver.watch.WatchRequest;
import dev.jk8s.proto.AccessReviewReply;
import dev.jk8s.proto.AccessReviewRequest;
import dev.jk8s.proto.ApiGrpc;
import dev.jk8s.proto.DeleteRequest;
import dev.jk8s.proto.GetRequest;
import dev.jk8s.proto.ListReply;
import dev.jk8s.proto.ListRequest;
import dev.jk8s.proto.LogChunk;
import dev.jk8s.proto.LogsRequest;
import dev.jk8s.proto.NodeCredentialReply;
import dev.jk8s.proto.NodeCredentialRequest;
import dev.jk8s.proto.ObjectReply;
import dev.jk8s.proto.VersionReply;
import dev.jk8s.proto.VersionRequest;
import dev.jk8s.proto.WatchBatch;
import dev.jk8s.proto.WriteRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
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
    private final Access access;
    private final AuditLog audit;
    private final RbacEscalation escalation;
    private final NodeCredentials credentials;

    /** @param security every call passes its {@link Access} before it reaches the registry and goes to its audit log */
    public ApiService(Registry registry, PodLogs logs, ServerMetrics metrics, Security security) {
        this.registry = registry;
        this.logs = logs;
        this.metrics = metrics;
        this.access = security.access();
        this.audit = security.audit();
        this.escalation = security.escalation();
        this.credentials = security.credentials();
    }

    /**
     * What a call asks, for authorization, metrics and the audit log: who (taken on the call's own
     * thread, as a create completes on etcd's, where the call's context is gone), the verb, the
     * resource as the client named it, and the object's namespace and name where the call has them.
     */
    private record Call(UserInfo user, String verb, String resource, String subresource, String namespace, String name) {

        static Call of(String verb, String resource, String namespace, String name) {
            return new Call(Access.currentUser(), verb, resource, "", emptyToNull(namespace), emptyToNull(name));
        }

        Call withSubresource(String sub) {
            return new Call(user, verb, resource, sub, namespace, name);
        }

        Call about(String ns, String objectName) {
            return new Call(user, verb, resource, subresource, ns, objectName);
        }

        String qualifiedResource() {
            return subresource.isEmpty() ? resource : resource + "/" + subresource;
        }

        /** The metric's verb: {@code update-status} for a status update, as before. */
        String metricVerb() {
            return subresource.isEmpty() ? verb : verb + "-" + subresource;
        }
    }

    @Override
    public void create(WriteRequest req, StreamObserver<ObjectReply> out) {
        write(Call.of("create", req.getResource(), req.getNamespace(), null), req, out);
    }

    @Override
    public void update(WriteRequest req, StreamObserver<ObjectReply> out) {
        write(Call.of("update", req.getResource(), req.getNamespace(), null), req, out);
    }

    @Override
    public void updateStatus(WriteRequest req, StreamObserver<ObjectReply> out) {
        write(Call.of("update", req.getResource(), req.getNamespace(), null).withSubresource("status"), req, out);
    }

    private void write(Call call, WriteRequest req, StreamObserver<ObjectReply> out) {
        KindStore<?> ks;
        try {
            ks = registry.forResource(req.getResource());
        } catch (RuntimeException e) {
            fail(call, out, e);
            return;
        }
        write(call, ks, req, out);
    }

    /**
     * A create or update, once its object is decoded: authorized with the object's namespace
     * (and, except for a create, its name, as Kubernetes authorizes), then written. Creates hold
     * no thread while etcd commits: the reply is sent when the store answers.
     */
    private <T extends ApiObject> void write(Call request, KindStore<T> ks, WriteRequest req, StreamObserver<ObjectReply> out) {
        T obj;
        try {
            obj = Codec.decode(req.getObject().toByteArray(), ks.kind());
        } catch (RuntimeException e) {
            fail(request, out, e);
            return;
        }
        ObjectMeta meta = obj.metadata();
        Call call = request.about(request.namespace() != null || meta == null ? request.namespace() : emptyToNull(meta.namespace()),
                meta == null ? null : emptyToNull(meta.name()));
        boolean create = call.verb().equals("create");
        async(call, out, () -> {
            access.check(call.verb(), ks.kind(), call.subresource(), call.namespace(), create ? null : call.name(), obj);
            if (escalation != null) {
                escalation.check(call.user(), call.namespace(), obj);
            }
            String ns = request.namespace();
            CompletableFuture<T> written = create ? ks.createAsync(ns, obj, req.getDryRun())
                    : CompletableFuture.completedFuture(call.subresource().isEmpty() ? ks.update(ns, obj, req.getDryRun())
                    : ks.updateStatus(ns, obj, req.getDryRun()));
            return written.thenApply(ApiService::reply);
        });
    }

    @Override
    public void get(GetRequest req, StreamObserver<ObjectReply> out) {
        Call call = Call.of("get", req.getResource(), req.getNamespace(), req.getName());
        unary(call, out, () -> reply(allowed(call).get(call.namespace(), req.getName())));
    }

    /** The store of the call's resource, once the caller may make the call. */
    private KindStore<?> allowed(Call call) {
        KindStore<?> ks = registry.forResource(call.resource());
        access.check(call.verb(), ks.kind(), call.subresource(), call.namespace(), call.name(), null);
        return ks;
    }

    @Override
    public void list(ListRequest req, StreamObserver<ListReply> out) {
        Call call = Call.of("list", req.getResource(), req.getNamespace(), null);
        unary(call, out, () -> listIn(allowed(call), req));
    }

    private <T extends ApiObject> ListReply listIn(KindStore<T> ks, ListRequest req) {
        ListResult<T> r = ks.list(emptyToNull(req.getNamespace()), Selector.parse(req.getLabelSelector()),
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
    public void delete(DeleteRequest req, StreamObserver<ObjectReply> out) {
        DeleteOptions options = new DeleteOptions(req.getHasGracePeriod() ? req.getGracePeriodSeconds() : null,
                req.getPropagationPolicy().isEmpty() ? null : req.getPropagationPolicy(),
                req.getPreconditionUid().isEmpty() ? null : req.getPreconditionUid(),
                req.getPreconditionResourceVersion(), req.getDryRun());
        Call call = Call.of("delete", req.getResource(), req.getNamespace(), req.getName());
        unary(call, out, () -> reply(allowed(call).delete(call.namespace(), req.getName(), options)));
    }

    @Override
    public void watch(dev.jk8s.proto.WatchRequest req, StreamObserver<WatchBatch> out) {
        long start = System.nanoTime();
        Call call = Call.of("watch", req.getResource(), req.getNamespace(), null);
        try {
            KindStore<?> ks = allowed(call);
            WatchRequest wr = new WatchRequest(emptyToNull(req.getNamespace()), Selector.parse(req.getLabelSelector()),
                    FieldSelector.parse(req.getFieldSelector(), ks.kind()), req.getResourceVersion(),
                    req.getSendInitialEvents(), req.getAllowBookmarks());
            ks.watch(wr, new GrpcWatchSink((ServerCallStreamObserver<WatchBatch>) out));
            completed(call, start, "OK");
        } catch (RuntimeException e) {
            ApiException api = toApi(e);
            completed(call, start, api.reason().wireName());
            out.onError(WireErrors.toStatus(api));
        }
    }

    @Override
    public void logs(LogsRequest req, StreamObserver<LogChunk> out) {
        long start = System.nanoTime();
        Call call = Call.of("get", "pods", req.getNamespace(), req.getPod()).withSubresource("log");
        try {
            allowed(call);
            logs.stream(req, (ServerCallStreamObserver<LogChunk>) out,
                    e -> completed(call, start, e == null ? "OK" : e.reason().wireName()));
        } catch (RuntimeException e) {
            ApiException api = toApi(e);
            completed(call, start, api.reason().wireName());
            out.onError(WireErrors.toStatus(api));
        }
    }

    @Override
    public void version(VersionRequest req, StreamObserver<VersionReply> out) {
        unary(Call.of("version", "", null, null), out, () -> VersionReply.newBuilder()
                .setVersion(BuildInfo.version())
                .setJavaVersion(Runtime.version().toString())
                .setPlatform(System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + System.getProperty("os.arch"))
                .build());
    }

    @Override
    public void accessReview(AccessReviewRequest req, StreamObserver<AccessReviewReply> out) {
        Call call = Call.of("create", "accessreviews", req.getNamespace(), null);
        unary(call, out, () -> review(req));
    }

    /** About the caller, or about {@code req.user} when the caller may impersonate that user. */
    private AccessReviewReply review(AccessReviewRequest req) {
        UserInfo caller = Access.currentUser();
        UserInfo subject = caller;
        if (!req.getUser().isEmpty()) {
            access.check(new Attributes(caller, "impersonate", "", "users", "", null, req.getUser(), null));
            subject = new UserInfo(req.getUser(), "", req.getGroupsList());
        }
        Kind<?> kind = Kinds.byResource(req.getResource()).orElse(null);
        String group = kind == null ? "" : kind.group();
        Decision d = access.review(new Attributes(subject, req.getVerb(), group, req.getResource(), req.getSubresource(),
                emptyToNull(req.getNamespace()), emptyToNull(req.getName()), null));
        return AccessReviewReply.newBuilder().setAllowed(d.allowed()).setReason(d.reason()).setUser(subject.name()).build();
    }

    @Override
    public void issueNodeCredential(NodeCredentialRequest req, StreamObserver<NodeCredentialReply> out) {
        Call call = Call.of("create", "nodecredentials", null, req.getNodeName());
        unary(call, out, () -> {
            access.check(new Attributes(Access.currentUser(), "create", "", "nodecredentials", "", null, req.getNodeName(), null));
            Names.dnsSubdomainError(req.getNodeName()).ifPresent(error -> {
                throw ApiException.badRequest("node_name \"" + req.getNodeName() + "\" is not a valid node name: " + error);
            });
            if (credentials == null) {
                throw ApiException.badRequest("this apiserver runs without authentication, so nodes need no credential");
            }
            String token = credentials.issue(req.getNodeName());
            LOG.info("node {}: issued its credential to {}", req.getNodeName(), Access.currentUser().name());
            return NodeCredentialReply.newBuilder().setToken(token)
                    .setUser(NodeAuthorizer.USER_PREFIX + req.getNodeName()).build();
        });
    }

    private <R> void fail(Call call, StreamObserver<R> out, RuntimeException e) {
        async(call, out, () -> {
            throw e;
        });
    }

    private <R> void unary(Call call, StreamObserver<R> out, Supplier<R> body) {
        async(call, out, () -> CompletableFuture.completedFuture(body.get()));
    }

    private <R> void async(Call call, StreamObserver<R> out, Supplier<CompletableFuture<R>> body) {
        long start = System.nanoTime();
        CompletableFuture<R> result;
        try {
            result = body.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((r, error) -> finish(call, out, start, r, error));
    }

    private <R> void finish(Call call, StreamObserver<R> out, long start, R result, Throwable error) {
        if (error != null) {
            ApiException api = toApi(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            completed(call, start, api.reason().wireName());
            out.onError(WireErrors.toStatus(api));
            return;
        }
        completed(call, start, "OK");
        out.onNext(result);
        out.onCompleted();
    }

    /** Metrics and the audit log of a call that has its result. */
    private void completed(Call call, long start, String result) {
        metrics.observe(call.metricVerb(), call.resource(), result, seconds(start));
        if (audit.enabled()) {
            audit.record(new AuditEvent(Instant.now().toString(), call.user().name(), call.verb(),
                    call.qualifiedResource(), call.namespace(), call.name(), result));
        }
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

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
