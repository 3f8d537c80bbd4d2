package io.slabtrace.replay.trace;

import java.util.Arrays;

/**
 * The objects a trace has allocated and not yet freed: pointer → (cache's run, simulator object),
 * in two flat arrays. Every event of a trace looks a pointer up, so this avoids a boxed key and an
 * entry per object. Linear probing; a removal shifts the entries after it back (no tombstones), so
 * the table stays as full as the trace's live objects, however long the trace.
 */
final class LiveObjects {
    static final long NONE = -1;
    private static final int MIN_CAPACITY = 1 << 12;

    private long[] pointers = new long[MIN_CAPACITY];
    private long[] values = filled(MIN_CAPACITY); // NONE marks a free slot
    private int shift = 64 - Integer.numberOfTrailingZeros(MIN_CAPACITY); // Fibonacci hashing keeps the product's top bits
    private int size;

    /** {@code run} and {@code object} as one value: both are non-negative, so a value is never {@link #NONE}. */
    static long value(int run, int object) {
        return (long) run << 32 | object;
    }

    static int run(long value) {
        return (int) (value >>> 32);
    }

    static int object(long value) {
        return (int) value;
    }

    /** Records {@code pointer}; returns what it held before (a free the trace missed), or {@link #NONE}. */
    long put(long pointer, long value) {
        int mask = pointers.length - 1;
        for (int i = slot(pointer); ; i = (i + 1) & mask) {
            if (values[i] == NONE) {
                pointers[i] = pointer;
                values[i] = value;
                if (++size * 2 > pointers.length) grow();
                return NONE;
            }
            if (pointers[i] == pointer) {
                long old = values[i];
                values[i] = value;
                return old;
            }
        }
    }

    /** Forgets {@code pointer}; returns what it held, or {@link #NONE} when it was not live. */
    long remove(long pointer) {
        int mask = pointers.length - 1;
        int hole = slot(pointer);
        while (values[hole] != NONE && pointers[hole] != pointer) hole = (hole + 1) & mask;
        long old = values[hole];
        if (old == NONE) return NONE;
        // move back each later entry of the cluster that a lookup from its home slot would no longer reach
        for (int j = (hole + 1) & mask; values[j] != NONE; j = (j + 1) & mask) {
            int home = slot(pointers[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                pointers[hole] = pointers[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = NONE;
        size--;
        return old;
    }

    int size() {
        return size;
    }

    /** Hands each live object's value to {@code action}, in table order. */
    void forEachValue(java.util.function.LongConsumer action) {
        for (long v : values) if (v != NONE) action.accept(v);
    }

    /** Raw kernel pointers are aligned and hashed ones are not: the top bits of the product spread both. */
    private int slot(long pointer) {
        return (int) ((pointer * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void grow() {
        long[] oldPointers = pointers, oldValues = values;
        pointers = new long[oldPointers.length * 2];
        values = filled(oldPointers.length * 2);
        shift--;
        int mask = pointers.length - 1;
        for (int k = 0; k < oldPointers.length; k++) {
            if (oldValues[k] == NONE) continue;
            int i = slot(oldPointers[k]);
            while (values[i] != NONE) i = (i + 1) & mask;
            pointers[i] = oldPointers[k];
            values[i] = oldValues[k];
        }
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, NONE);
        return a;
    }
}
