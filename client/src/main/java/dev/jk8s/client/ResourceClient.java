package dev.jk8s.client;

import com.google.protobuf.ByteString;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Reason;
import dev.jk8s.api.wire.WireErrors;
import dev.jk8s.proto.ApiGrpc;
import dev.jk8s.proto.DeleteRequest;
import dev.jk8s.proto.GetRequest;
import dev.jk8s.proto.ListReply;
import dev.jk8s.proto.ListRequest;
import dev.jk8s.proto.WatchBatch;
import dev.jk8s.proto.WriteRequest;
import io.grpc.Context;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The typed client of one kind. Every call has a deadline; failures are {@link ApiException}s
 * (translated in one place, {@link WireErrors}). Reads and compare-and-swap writes (an update
 * carrying a resourceVersion) are retried when the apiserver is briefly unavailable; creates,
 * deletes and unconditional updates are not, since a retry could repeat them.
 * Thread-safe. Namespace arguments are ignored for cluster-scoped kinds; null means "all" in lists.
 */
public final class ResourceClient<T extends ApiObject> {

    private static final int READ_ATTEMPTS = 5;

    private final Kind<T> kind;
    private final ApiGrpc.ApiBlockingStub blocking;
    private final ApiGrpc.ApiStub async;
    private final Duration timeout;
    private final CallErrors errors;

    ResourceClient(Kind<T> kind, ApiGrpc.ApiBlockingStub blocking, ApiGrpc.ApiStub async, Duration timeout, CallErrors errors) {
        this.kind = kind;
        this.blocking = blocking;
        this.async = async;
        this.timeout = timeout;
        this.errors = errors;
    }

    public Kind<T> kind() {
        return kind;
    }

    public T create(T object) {
        return create(object, false);
    }

    public T create(T object, boolean dryRun) {
        return decode(call(false, () -> stub().create(write(object, dryRun)).getObject()));
    }

    public T get(String namespace, String name) {
        GetRequest req = GetRequest.newBuilder().setResource(kind.resource()).setNamespace(ns(namespace)).setName(name).build();
        return decode(call(true, () -> stub().get(req).getObject()));
    }

    /** One page. */
    public ObjectList<T> listPage(String namespace, ListOptions options, String continueToken) {
        ListRequest req = ListRequest.newBuilder().setResource(kind.resource()).setNamespace(ns(namespace))
                .setLabelSelector(options.labelSelector()).setFieldSelector(options.fieldSelector())
                .setLimit(options.limit()).setContinueToken(continueToken == null ? "" : continueToken).build();
        ListReply reply = call(true, () -> stub().list(req));
        List<T> items = new ArrayList<>(reply.getItemsCount());
        reply.getItemsList().forEach(b -> items.add(decode(b)));
        return new ObjectList<>(items, reply.getResourceVersion(),
                reply.getContinueToken().isEmpty() ? null : reply.getContinueToken());
    }

    /** Every page of a list, all read at the first page's revision. */
    public ObjectList<T> list(String namespace, ListOptions options) {
        List<T> all = new ArrayList<>();
        ObjectList<T> page = listPage(namespace, options, null);
        long revision = page.resourceVersion();
        all.addAll(page.items());
        while (page.continueToken() != null) {
            page = listPage(namespace, options, page.continueToken());
            all.addAll(page.items());
        }
        return new ObjectList<>(all, revision, null);
    }

    public ObjectList<T> list(String namespace) {
        return list(namespace, ListOptions.DEFAULT);
    }

    /**
     * Replaces the object. With a resourceVersion it is a compare-and-swap (a stale one fails
     * with Conflict); without one the server writes over whatever is there.
     */
    public T update(T object) {
        return update(object, false);
    }

    public T update(T object, boolean dryRun) {
        boolean cas = object.metadata().revision() != 0;
        return decode(call(cas, () -> stub().update(write(object, dryRun)).getObject()));
    }

    /** Replaces only the status; spec and metadata are kept as stored. */
    public T updateStatus(T object) {
        boolean cas = object.metadata().revision() != 0;
        return decode(call(cas, () -> stub().updateStatus(write(object, false)).getObject()));
    }

    /**
     * Reads the object, applies {@code change} and writes it back with compare-and-swap,
     * re-reading and retrying on Conflict: no lost update. {@code change} must be pure.
     */
    public T guaranteedUpdate(String namespace, String name, UnaryOperator<T> change) {
        for (int attempt = 0; ; attempt++) {
            T current = get(namespace, name);
            try {
                return update(change.apply(current));
            } catch (ApiException e) {
                if (!e.is(Reason.CONFLICT) || attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Deletes (or starts a graceful deletion); returns the object as the server last had it. */
    public T delete(String namespace, String name, DeleteOptions options) {
        DeleteRequest.Builder b = DeleteRequest.newBuilder().setResource(kind.resource()).setNamespace(ns(namespace))
                .setName(name).setDryRun(options.dryRun())
                .setPreconditionResourceVersion(options.preconditionResourceVersion());
        if (options.gracePeriodSeconds() != null) {
            b.setHasGracePeriod(true).setGracePeriodSeconds(options.gracePeriodSeconds());
        }
        if (options.propagationPolicy() != null) {
            b.setPropagationPolicy(options.propagationPolicy());
        }
        if (options.preconditionUid() != null) {
            b.setPreconditionUid(options.preconditionUid());
        }
        return decode(call(false, () -> stub().delete(b.build()).getObject()));
    }

    public T delete(String namespace, String name) {
        return delete(namespace, name, DeleteOptions.DEFAULT);
    }

    /**
     * Starts a watch. Events arrive on a gRPC thread, in order; the handler's onClose runs once.
     * The watch does not reconnect by itself: informers do that.
     */
    public Watch watch(String namespace, WatchOptions options, WatchHandler<T> handler) {
        dev.jk8s.proto.WatchRequest req = dev.jk8s.proto.WatchRequest.newBuilder().setResource(kind.resource())
                .setNamespace(ns(namespace)).setLabelSelector(options.labelSelector())
                .setFieldSelector(options.fieldSelector()).setResourceVersion(options.resourceVersion())
                .setSendInitialEvents(options.sendInitialEvents()).setAllowBookmarks(true).build();
        Context.CancellableContext ctx = Context.current().withCancellation();
        ctx.run(() -> async.watch(req, new WatchObserver<>(kind, handler)));
        return () -> ctx.cancel(null);
    }

    private WriteRequest write(T object, boolean dryRun) {
        String namespace = object.metadata() == null ? "" : ns(object.metadata().namespace());
        return WriteRequest.newBuilder().setResource(kind.resource()).setNamespace(namespace)
                .setObject(ByteString.copyFrom(Codec.encode(object))).setDryRun(dryRun).build();
    }

    private ApiGrpc.ApiBlockingStub stub() {
        return blocking.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <R> R call(boolean retryable, Supplier<R> rpc) {
        for (int attempt = 1; ; attempt++) {
            try {
                return rpc.get();
            } catch (RuntimeException e) {
                ApiException api = errors.translate(e);
                if (!retryable || !api.is(Reason.UNAVAILABLE) || attempt >= READ_ATTEMPTS || errors.isPermanent(e)) {
                    throw api;
                }
                backoff(attempt);
            }
        }
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(2000, 100L << attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while retrying");
        }
    }

    private T decode(ByteString bytes) {
        return Codec.decode(bytes.toByteArray(), kind);
    }

    private String ns(String namespace) {
        return !kind.namespaced() || namespace == null ? "" : namespace;
    }

    /**
     * Turns the gRPC stream into typed events and exactly one close. An event that cannot be
     * decoded ends the watch with that error (never silently), so that the caller relists.
     */
    private static final class WatchObserver<T extends ApiObject>
            implements ClientResponseObserver<dev.jk8s.proto.WatchRequest, WatchBatch> {
        private final Kind<T> kind;
        private final WatchHandler<T> handler;
        private ClientCallStreamObserver<dev.jk8s.proto.WatchRequest> call;
        private volatile ApiException failure;

        WatchObserver(Kind<T> kind, WatchHandler<T> handler) {
            this.kind = kind;
            this.handler = handler;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<dev.jk8s.proto.WatchRequest> requestStream) {
            call = requestStream;
        }

        /** A message holds whole revisions; its events are handed on one by one, in order. */
        @Override
        public void onNext(WatchBatch batch) {
            if (failure != null) {
                return;
            }
            try {
                for (dev.jk8s.proto.WatchEvent e : batch.getEventsList()) {
                    WatchEvent.Type type = WatchEvent.Type.valueOf(e.getType().name());
                    T object = e.getObject().isEmpty() ? null : Codec.decode(e.getObject().toByteArray(), kind);
                    handler.onEvent(new WatchEvent<>(type, object, e.getResourceVersion()));
                }
            } catch (ApiException e) {
                failure = new ApiException(Reason.INTERNAL, kind.resource(), "", "a watch event of " + kind.resource()
                        + " could not be decoded (" + e.getMessage() + "); the watch was ended, list again", List.of());
                call.cancel("undecodable watch event", e);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (failure != null) {
                handler.onClose(failure);
                return;
            }
            io.grpc.Status s = io.grpc.Status.fromThrowable(t);
            handler.onClose(s.getCode() == io.grpc.Status.Code.CANCELLED ? null : WireErrors.toApiException(t));
        }

        @Override
        public void onCompleted() {
            handler.onClose(null);
        }
    }
}
