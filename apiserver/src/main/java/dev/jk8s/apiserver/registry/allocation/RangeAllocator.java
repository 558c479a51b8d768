package dev.jk8s.apiserver.registry.allocation;

import dev.jk8s.apiserver.storage.Store;
import dev.jk8s.apiserver.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The allocations of one range, kept in the store under one key (Kubernetes keeps them under
 * {@code /registry/ranges/...}) as {@code {"range":"10.96.0.0/12","data":"<base64 bitmap>"}},
 * and changed only by compare-and-swap, so that several apiservers never hand out one value
 * twice. A record written for another range counts as empty until {@link #rebuild} rewrites it.
 * Thread-safe.
 */
final class RangeAllocator {

    enum Result { ALLOCATED, TAKEN, OUT_OF_RANGE }

    private static final Pattern RECORD = Pattern.compile("\\{\"range\":\"([^\"]*)\",\"data\":\"([^\"]*)\"}");
    private static final int ATTEMPTS = 20;

    private final Store store;
    private final String key;
    private final IntRange range;
    private final Random random;

    RangeAllocator(Store store, String key, IntRange range, Random random) {
        this.store = store;
        this.key = key;
        this.range = range;
        this.random = random;
    }

    IntRange range() {
        return range;
    }

    /** Takes {@code value} if it is in the range and free. */
    Result allocate(String value) {
        OptionalInt offset = range.offset(value);
        if (offset.isEmpty()) {
            return Result.OUT_OF_RANGE;
        }
        Result[] result = {Result.ALLOCATED};
        change(b -> {
            if (b.has(offset.getAsInt())) {
                result[0] = Result.TAKEN;
                return b;
            }
            result[0] = Result.ALLOCATED;
            return b.with(offset.getAsInt());
        });
        return result[0];
    }

    /** Takes a free value, searching from a random point as Kubernetes does; empty when the range is full. */
    Optional<String> allocateNext() {
        int[] taken = {-1};
        change(b -> {
            OptionalInt free = b.firstFreeFrom(random.nextInt(range.size()));
            taken[0] = free.orElse(-1);
            return free.isPresent() ? b.with(free.getAsInt()) : b;
        });
        return taken[0] < 0 ? Optional.empty() : Optional.of(range.value(taken[0]));
    }

    /** Frees {@code value}; a value outside the range or not taken is ignored. */
    void release(String value) {
        range.offset(value).ifPresent(o -> change(b -> b.has(o) ? b.without(o) : b));
    }

    /** Rewrites the record to exactly {@code inUse} (values outside the range are left out). */
    void rebuild(Collection<String> inUse) {
        change(b -> {
            Bitmap fresh = Bitmap.empty(range.size());
            for (String v : inUse) {
                OptionalInt o = range.offset(v);
                if (o.isPresent()) {
                    fresh = fresh.with(o.getAsInt());
                }
            }
            return fresh;
        });
    }

    /** How many values are taken. */
    int used() {
        return read().map(kv -> decode(kv.value())).orElse(Bitmap.empty(range.size())).used();
    }

    private void change(UnaryOperator<Bitmap> op) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<Store.KeyValue> current = read();
            Bitmap before = current.map(kv -> decode(kv.value())).orElse(Bitmap.empty(range.size()));
            Bitmap after = op.apply(before);
            if (after.equals(before) && current.isPresent()) {
                return;
            }
            try {
                byte[] bytes = encode(after);
                if (current.isPresent()) {
                    store.update(key, bytes, current.get().modRevision());
                } else {
                    store.create(key, bytes);
                }
                return;
            } catch (StorageException e) {
                if (e.code() != StorageException.Code.CONFLICT && e.code() != StorageException.Code.KEY_EXISTS) {
                    throw e;
                }
            }
        }
        throw new StorageException(StorageException.Code.CONFLICT, "the allocation record " + key
                + " kept changing under " + ATTEMPTS + " attempts; try again", 0, null);
    }

    private Optional<Store.KeyValue> read() {
        return store.get(key);
    }

    private Bitmap decode(byte[] value) {
        Matcher m = RECORD.matcher(new String(value, StandardCharsets.UTF_8));
        if (!m.matches() || !m.group(1).equals(range.describe())) {
            return Bitmap.empty(range.size()); // another range's record: rebuilt at start
        }
        return Bitmap.decode(range.size(), m.group(2));
    }

    private byte[] encode(Bitmap b) {
        return ("{\"range\":\"" + range.describe() + "\",\"data\":\"" + b.encode() + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
