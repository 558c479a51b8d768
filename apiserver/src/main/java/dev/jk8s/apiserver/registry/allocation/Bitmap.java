package dev.jk8s.apiserver.registry.allocation;

import java.util.Base64;
import java.util.BitSet;
import java.util.OptionalInt;

/**
 * Which of {@code size} offsets are taken, as Kubernetes keeps a range allocation: a bit per
 * offset, stored base64-encoded. Immutable: every change gives a new bitmap.
 */
record Bitmap(int size, BitSet bits) {

    Bitmap {
        bits = (BitSet) bits.clone();
    }

    static Bitmap empty(int size) {
        return new Bitmap(size, new BitSet(size));
    }

    static Bitmap decode(int size, String base64) {
        return new Bitmap(size, BitSet.valueOf(Base64.getDecoder().decode(base64)));
    }

    String encode() {
        return Base64.getEncoder().encodeToString(bits.toByteArray());
    }

    boolean has(int offset) {
        return bits.get(offset);
    }

    int used() {
        return bits.cardinality();
    }

    Bitmap with(int offset) {
        BitSet b = (BitSet) bits.clone();
        b.set(offset);
        return new Bitmap(size, b);
    }

    Bitmap without(int offset) {
        BitSet b = (BitSet) bits.clone();
        b.clear(offset);
        return new Bitmap(size, b);
    }

    /** The first free offset at or after {@code start}, wrapping around; empty when full. */
    OptionalInt firstFreeFrom(int start) {
        int free = bits.nextClearBit(start);
        if (free < size) {
            return OptionalInt.of(free);
        }
        free = bits.nextClearBit(0);
        return free < start && free < size ? OptionalInt.of(free) : OptionalInt.empty();
    }
}
