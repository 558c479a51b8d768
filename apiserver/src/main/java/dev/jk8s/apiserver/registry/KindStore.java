package dev.jk8s.apiserver.registry;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.FieldError;
import dev.jk8s.api.FieldSelector;
import dev.jk8s.api.Kind;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Selector;
import dev.jk8s.api.validation.MetaValidation;
import dev.jk8s.apiserver.storage.StorageException;
import dev.jk8s.apiserver.storage.Store;
import dev.jk8s.apiserver.watch.WatchCache;
import dev.jk8s.apiserver.watch.WatchRequest;
import dev.jk8s.apiserver.watch.WatchSink;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The registry's one code path, instantiated per kind: decode → default → validate → admit →
 * store, and the reads, watches and deletions around it. Nothing here is specific to a kind;
 * the {@link Kind} supplies defaults and validation, the {@link Strategy} the rest.
 *
 * <p>Storage semantics are etcd's: resourceVersion is the key's modRevision; updates and
 * deletions are compare-and-swap on it. An update without a resourceVersion, a status update
 * and a deletion are read-modify-write loops that retry on conflict; an update with one fails
 * with Conflict when it is stale. Thread-safe.
 */
public final class KindStore<T extends ApiObject> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KindStore.class);

    /** Objects over this size are refused, as etcd's default request limit is 1.5 MiB. */
    public static final int MAX_OBJECT_BYTES = 1536 * 1024;
    private static final int MAX_RETRIES = 32;
    private static final int DEFAULT_PAGE = 500;
    private static final int MAX_PAGE_BYTES = 3 * 1024 * 1024;
    /** Keys read from etcd at a time: even at the maximum object size an answer stays under 64 MiB. */
    static final int READ_CHUNK = 40;
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Kind<T> kind;
    private final Strategy<T> strategy;
    private final Allocations<T> allocations;
    private final Store store;
    private final Admission admission;
    private final Clock clock;
    private WatchCache<T> cache;

    KindStore(Kind<T> kind, Strategy<T> strategy, Allocations<T> allocations, Store store, Admission admission, Clock clock) {
        this.kind = kind;
        this.strategy = strategy;
        this.allocations = allocations;
        this.store = store;
        this.admission = admission;
        this.clock = clock;
    }

    /** Rebuilds the kind's allocation pools from every stored object; nothing for kinds without pools. */
    void repairAllocations() {
        if (!allocations.allocates()) {
            return;
        }
        List<T> all = new java.util.ArrayList<>();
        String token = null;
        do {
            ListResult<T> page = list(null, null, null, DEFAULT_PAGE, token);
            all.addAll(page.items());
            token = page.continueToken();
        } while (token != null && !token.isEmpty());
        allocations.repair(all);
    }

    void attach(WatchCache<T> cache) {
        this.cache = cache;
    }

    public Kind<T> kind() {
        return kind;
    }

    WatchCache<T> cache() {
        return cache;
    }

    /** The etcd key prefix of this kind: {@code /registry/pods/}. */
    String prefix() {
        return "/registry/" + kind.resource() + "/";
    }

    String key(String namespace, String name) {
        return kind.namespaced() ? prefix() + namespace + "/" + name : prefix() + name;
    }

    /**
     * The object as the watch cache holds it now (what watchers have been or are being sent):
     * for checks on every request, where a read from etcd would cost too much. Empty if absent.
     */
    public Optional<T> cached(String namespace, String name) {
        return cache.get(key(namespace, name));
    }

    /** Indexes the cached objects by what {@code values} gives (see {@link WatchCache#addIndex}). */
    public void addIndex(String name, Function<T, Collection<String>> values) {
        cache.addIndex(name, values);
    }

    /** The cached objects that index {@code name} files under {@code value}. */
    public List<T> byIndex(String name, String value) {
        return cache.byIndex(name, value);
    }

    // ---- create ----

    public T create(String namespace, T object, boolean dryRun) {
        try {
            return createAsync(namespace, object, dryRun).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Creates without holding a thread while etcd commits. Checks run on the calling thread (a
     * failure is thrown); the future completes with the stored object or fails with an
     * {@link ApiException}.
     */
    public CompletableFuture<T> createAsync(String namespace, T object, boolean dryRun) {
        T obj = kind.applyDefaults(withRequestNamespace(namespace, withMetadata(object)));
        obj = admission.mutateCreate(kind, withGeneratedName(obj));
        validate(obj, kind.validator().validate(obj));
        admission.admitCreate(kind, obj);
        T created = withCreateMeta(obj);
        T prepared = strategy.prepareForCreate(strategy.keepsStatusOnCreate() ? created : kind.withStatusOf(created, null), now());
        if (dryRun) {
            encode(prepared);
            return CompletableFuture.completedFuture(prepared);
        }
        T stored = allocations.allocate(prepared);
        byte[] bytes = encode(stored);
        String name = stored.metadata().name();
        return store.createAsync(key(stored.metadata().namespace(), name), bytes).handle((rev, error) -> {
            if (error != null) {
                allocations.release(stored); // not created: what it took is free again
                Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
                throw cause instanceof StorageException s ? translate(s, name) : new CompletionException(cause);
            }
            return withRevision(stored, rev);
        });
    }

    /** An object sent without metadata gets empty metadata, so that validation names what is missing. */
    private T withMetadata(T obj) {
        return obj.metadata() != null ? obj : cast(obj.withMetadata(ObjectMeta.builder().build()));
    }

    private T withRequestNamespace(String namespace, T obj) {
        String own = obj.metadata() == null ? null : obj.metadata().namespace();
        ObjectMeta meta = obj.metadata() == null ? ObjectMeta.builder().build() : obj.metadata();
        if (!kind.namespaced()) {
            return obj;
        }
        if (own != null && !own.isEmpty() && namespace != null && !namespace.isEmpty() && !own.equals(namespace)) {
            throw ApiException.badRequest("the namespace of " + kind.resource() + " \"" + meta.name() + "\" (" + own
                    + ") does not match the namespace of the request (" + namespace + "); make them agree");
        }
        return own == null || own.isEmpty() ? cast(obj.withMetadata(meta.withNamespace(namespace))) : obj;
    }

    private T withGeneratedName(T obj) {
        ObjectMeta m = obj.metadata();
        if ((m.name() == null || m.name().isEmpty()) && m.generateName() != null && !m.generateName().isEmpty()) {
            StringBuilder sb = new StringBuilder(m.generateName());
            for (int i = 0; i < 5; i++) {
                sb.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
            }
            return cast(obj.withMetadata(m.withName(sb.toString())));
        }
        return obj;
    }

    private T withCreateMeta(T obj) {
        ObjectMeta m = obj.metadata().toBuilder()
                .uid(UUID.randomUUID().toString())
                .creationTimestamp(now())
                .generation(1L)
                .resourceVersion(null)
                .deletionTimestamp(null)
                .deletionGracePeriodSeconds(null)
                .build();
        return cast(obj.withMetadata(m));
    }

    // ---- read ----

    public T get(String namespace, String name) {
        Store.KeyValue kv = store.get(key(namespace, name)).orElseThrow(() -> notFound(name));
        return decode(kv.value(), kv.modRevision());
    }

    /**
     * Lists at one revision: the continue token's, or the latest. Pages stop at {@code limit}
     * objects or a few MiB, whichever comes first, so any list fits in gRPC messages.
     */
    public ListResult<T> list(String namespace, Selector labels, FieldSelector fields, int limit, String continueToken) {
        ContinueToken from = continueToken == null || continueToken.isEmpty() ? null : ContinueToken.decode(continueToken);
        String prefix = namespace == null || !kind.namespaced() ? prefix() : prefix() + namespace + "/";
        int want = limit > 0 ? limit : DEFAULT_PAGE;
        if (from != null && !from.nextKey().startsWith(prefix)) {
            throw ApiException.badRequest("the continue token does not belong to this list of " + kind.resource()
                    + "; pass the token with the same namespace and resource it came from, or list from the start");
        }
        try {
            return readPage(prefix, from, want, labels, fields);
        } catch (StorageException e) {
            if (e.code() == StorageException.Code.COMPACTED) {
                throw ApiException.expired("the continue token of this list has expired (its revision was compacted);"
                        + " list " + kind.resource() + " again from the start");
            }
            throw translate(e, "");
        }
    }

    private ListResult<T> readPage(String prefix, ContinueToken from, int want, Selector labels, FieldSelector fields) {
        List<T> items = new ArrayList<>();
        long revision = from == null ? 0 : from.revision();
        String next = from == null ? null : from.nextKey();
        int bytes = 0;
        while (true) {
            Store.Page page = store.list(prefix, next, revision, READ_CHUNK);
            revision = page.revision();
            for (Store.KeyValue kv : page.items()) {
                next = kv.key() + "\0";
                T obj = decodeStored(kv);
                if (obj != null && labels.matches(obj.metadata().labels()) && fields.matches(obj, kind)) {
                    items.add(obj);
                    bytes += kv.value().length;
                }
                if (items.size() >= want || bytes >= MAX_PAGE_BYTES) {
                    boolean more = page.more() || kv != page.items().get(page.items().size() - 1);
                    return new ListResult<>(items, revision, more ? new ContinueToken(revision, next).encode() : null);
                }
            }
            if (!page.more()) {
                return new ListResult<>(items, revision, null);
            }
        }
    }

    public void watch(WatchRequest request, WatchSink sink) {
        cache.watch(request, sink);
    }

    // ---- update ----

    /** Replaces spec and metadata; keeps status. With a resourceVersion: one CAS; without: retried read-modify-write. */
    public T update(String namespace, T incoming, boolean dryRun) {
        T obj = withRequestNamespace(namespace, withMetadata(incoming));
        return guaranteedUpdate(obj.metadata().namespace(), requireName(obj), obj.metadata().revision(), (old, rev) -> {
            checkUid(obj, old);
            T merged = mergeUpdate(obj, old);
            validate(merged, kind.validator().validateUpdate(merged, old));
            return write(dryRun ? merged : allocations.reallocate(merged, old), old, rev, dryRun);
        });
    }

    /** One step of a read-modify-write: given the stored object and its revision, write and return the result. */
    @FunctionalInterface
    private interface Change<T> {
        T apply(T stored, long revision);
    }

    /**
     * Reads the object and applies {@code change} with compare-and-swap on what was read. With an
     * expected revision (the caller's resourceVersion) a different stored one is a Conflict; with
     * none (0), a Conflict from a concurrent writer is retried on a fresh read.
     */
    private T guaranteedUpdate(String namespace, String name, long expected, Change<T> change) {
        for (int attempt = 0; ; attempt++) {
            Store.KeyValue cur = store.get(key(namespace, name)).orElseThrow(() -> notFound(name));
            if (expected != 0 && expected != cur.modRevision()) {
                throw ApiException.conflict(kind.resource(), name);
            }
            try {
                return change.apply(decode(cur.value(), cur.modRevision()), cur.modRevision());
            } catch (StorageException e) {
                // only a lost compare-and-swap is retried; a failed precondition is the caller's answer
                if (e.code() != StorageException.Code.CONFLICT || expected != 0 || attempt >= MAX_RETRIES) {
                    throw translate(e, name);
                }
            }
        }
    }

    private T mergeUpdate(T incoming, T old) {
        T defaulted = strategy.prepareForUpdate(kind.applyDefaults(incoming), old);
        T withStatus = kind.withStatusOf(defaulted, old);
        ObjectMeta o = old.metadata();
        long generation = o.generation() == null ? 1 : o.generation();
        ObjectMeta m = withStatus.metadata().toBuilder()
                .uid(o.uid())
                .creationTimestamp(o.creationTimestamp())
                .deletionTimestamp(o.deletionTimestamp())
                .deletionGracePeriodSeconds(o.deletionGracePeriodSeconds())
                .generation(kind.specDiffers(withStatus, old) ? generation + 1 : generation)
                .resourceVersion(o.resourceVersion())
                .build();
        return cast(withStatus.withMetadata(m));
    }

    /** Replaces only the status; spec and metadata stay as stored. Retries on conflict unless a resourceVersion was given. */
    public T updateStatus(String namespace, T incoming, boolean dryRun) {
        T obj = withRequestNamespace(namespace, withMetadata(incoming));
        return guaranteedUpdate(obj.metadata().namespace(), requireName(obj), obj.metadata().revision(), (old, rev) -> {
            checkUid(obj, old);
            return write(kind.withStatusOf(old, obj), old, rev, dryRun);
        });
    }

    /** Writes {@code next} over {@code old} at {@code revision}, or removes it when it is terminating with nothing holding it. */
    private T write(T next, T old, long revision, boolean dryRun) {
        String name = next.metadata().name();
        if (sameIgnoringRevision(next, old)) {
            return old;
        }
        boolean remove = next.metadata().isTerminating() && finalizers(next).isEmpty() && !inGracePeriod(next);
        byte[] bytes = encode(next);
        if (dryRun) {
            return next;
        }
        try {
            long rev = remove ? store.delete(key(next.metadata().namespace(), name), revision)
                    : store.update(key(next.metadata().namespace(), name), bytes, revision);
            if (remove) {
                allocations.release(next);
            }
            return withRevision(next, rev);
        } catch (StorageException e) {
            throw e.code() == StorageException.Code.CONFLICT ? e : translate(e, name); // conflicts: see guaranteedUpdate
        }
    }

    // ---- delete ----

    /**
     * Deletes now, or marks the object terminating (deletionTimestamp) when a grace period,
     * finalizers or a propagation policy hold it back; returns the object as it now is.
     */
    public T delete(String namespace, String name, DeleteOptions options) {
        return guaranteedUpdate(namespace, name, 0, (old, rev) -> {
            checkPreconditions(options, old, rev);
            return deleteOnce(old, rev, options);
        });
    }

    private T deleteOnce(T old, long revision, DeleteOptions options) {
        T marked = withPropagationFinalizer(old, options.propagationPolicy());
        long grace = gracePeriod(old, options);
        if (finalizers(marked).isEmpty() && grace == 0) {
            if (options.dryRun()) {
                return old;
            }
            try {
                T gone = withRevision(old, store.delete(key(old.metadata().namespace(), old.metadata().name()), revision));
                allocations.release(old);
                return gone;
            } catch (StorageException e) {
                throw e.code() == StorageException.Code.CONFLICT ? e : translate(e, old.metadata().name());
            }
        }
        Instant deadline = now().plusSeconds(grace);
        ObjectMeta m = marked.metadata();
        if (m.isTerminating() && m.deletionTimestamp().isBefore(deadline)) {
            deadline = m.deletionTimestamp();
        }
        T terminating = cast(marked.withMetadata(m.toBuilder()
                .deletionTimestamp(deadline).deletionGracePeriodSeconds(grace).build()));
        return write(m.isTerminating() ? terminating : strategy.markTerminating(terminating), old, revision,
                options.dryRun());
    }

    /** The kind's grace period for this request; a second deletion may shorten it, never lengthen it. */
    private long gracePeriod(T old, DeleteOptions options) {
        long grace = strategy.gracePeriodSeconds(old, options.gracePeriodSeconds());
        Long current = old.metadata().deletionGracePeriodSeconds();
        return old.metadata().isTerminating() ? Math.min(grace, current == null ? 0 : current) : grace;
    }

    private T withPropagationFinalizer(T obj, String policy) {
        String finalizer = DeleteOptions.FOREGROUND.equals(policy) ? "foregroundDeletion"
                : DeleteOptions.ORPHAN.equals(policy) ? "orphan" : null;
        if (finalizer == null || obj.metadata().finalizers().contains(finalizer)) {
            return obj;
        }
        List<String> f = new ArrayList<>(obj.metadata().finalizers());
        f.add(finalizer);
        return cast(obj.withMetadata(obj.metadata().withFinalizers(f)));
    }

    /** An update that changes nothing is not written: no new revision, no watch event. */
    private static boolean sameIgnoringRevision(ApiObject a, ApiObject b) {
        return a.withMetadata(a.metadata().withResourceVersion(null))
                .equals(b.withMetadata(b.metadata().withResourceVersion(null)));
    }

    /** A graceful deletion (a pod on a node) waits for its agent to confirm, not for finalizers. */
    private static boolean inGracePeriod(ApiObject obj) {
        Long grace = obj.metadata().deletionGracePeriodSeconds();
        return grace != null && grace > 0;
    }

    private Set<String> finalizers(T obj) {
        Set<String> all = new LinkedHashSet<>(obj.metadata().finalizers());
        all.addAll(strategy.extraFinalizers(obj));
        return all;
    }

    private void checkPreconditions(DeleteOptions options, T old, long revision) {
        String name = old.metadata().name();
        if (options.preconditionUid() != null && !options.preconditionUid().isEmpty()
                && !options.preconditionUid().equals(old.metadata().uid())) {
            throw new ApiException(dev.jk8s.api.Reason.CONFLICT, kind.resource(), name, "Precondition failed: UID in "
                    + "precondition: " + options.preconditionUid() + ", UID in object meta: " + old.metadata().uid()
                    + "; the object was replaced by a new one with the same name", List.of());
        }
        if (options.preconditionRevision() != 0 && options.preconditionRevision() != revision) {
            throw ApiException.conflict(kind.resource(), name);
        }
    }

    // ---- helpers ----

    private void checkUid(T obj, T old) {
        String uid = obj.metadata().uid();
        if (uid != null && !uid.isEmpty() && !uid.equals(old.metadata().uid())) {
            throw new ApiException(dev.jk8s.api.Reason.CONFLICT, kind.resource(), old.metadata().name(),
                    kind.resource() + " \"" + old.metadata().name() + "\": metadata.uid " + uid
                            + " does not match the stored object's (" + old.metadata().uid()
                            + "); it was deleted and recreated: re-read it and retry", List.of());
        }
    }

    private void validate(T obj, List<FieldError> kindErrors) {
        List<FieldError> errors = new ArrayList<>(MetaValidation.validate(obj.metadata(), kind));
        errors.addAll(kindErrors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(kind.resource(), displayName(obj), errors);
        }
    }

    private static String displayName(ApiObject obj) {
        ObjectMeta m = obj.metadata();
        return m == null ? "" : m.name() != null ? m.name() : m.generateName() == null ? "" : m.generateName();
    }

    private String requireName(T obj) {
        String name = obj.metadata().name();
        if (name == null || name.isEmpty()) {
            throw ApiException.invalid(kind.resource(), "", List.of(new FieldError("metadata.name",
                    "Required value: name is required to update an object")));
        }
        return name;
    }

    private byte[] encode(T obj) {
        byte[] bytes = Codec.encode(obj.withMetadata(obj.metadata().withResourceVersion(null)));
        if (bytes.length > MAX_OBJECT_BYTES) {
            throw ApiException.tooLarge(kind.resource(), obj.metadata().name(), bytes.length, MAX_OBJECT_BYTES);
        }
        return bytes;
    }

    /** A stored value for a list: one that does not decode is logged and left out, not blamed on the caller. */
    private T decodeStored(Store.KeyValue kv) {
        try {
            return decode(kv.value(), kv.modRevision());
        } catch (ApiException e) {
            LOG.error("stored object {} cannot be decoded and is left out of lists: {}", kv.key(), e.getMessage());
            return null;
        }
    }

    /** Decodes a stored value; its revision becomes the resourceVersion. */
    T decode(byte[] value, long revision) {
        T obj = Codec.decode(value, kind);
        return withRevision(obj, revision);
    }

    private T withRevision(T obj, long revision) {
        return cast(obj.withMetadata(obj.metadata().withResourceVersion(Long.toString(revision))));
    }

    private T cast(ApiObject o) {
        return kind.cast(o);
    }

    private ApiException notFound(String name) {
        return ApiException.notFound(kind.resource(), name);
    }

    private ApiException translate(StorageException e, String name) {
        return switch (e.code()) {
            case KEY_EXISTS -> ApiException.alreadyExists(kind.resource(), name);
            case NOT_FOUND -> notFound(name);
            case CONFLICT -> ApiException.conflict(kind.resource(), name);
            case COMPACTED -> ApiException.expired(e.getMessage());
            case UNAVAILABLE -> ApiException.unavailable(e.getMessage());
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
