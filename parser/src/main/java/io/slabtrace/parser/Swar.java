package io.slabtrace.parser;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans eight bytes at a time ("SIMD within a register"): the padded columns of slabinfo
 * are mostly runs of spaces, and a series is mostly newline search. Each scan reads a long,
 * turns the bytes it looks for into zero bytes, and finds the first one with a bit count.
 */
public final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 0x2020202020202020L;
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Swar() {
    }

    /** The first index in {@code [i, to)} whose byte is not a space, or {@code to}. */
    public static int skipSpaces(byte[] b, int i, int to) {
        while (i + 8 <= to) {
            long x = (long) LONGS.get(b, i) ^ SPACES; // a space becomes a zero byte
            if (x != 0) return i + (Long.numberOfTrailingZeros(x) >>> 3);
            i += 8;
        }
        while (i < to && b[i] == ' ') i++;
        return i;
    }

    /** The index of the first newline in {@code [i, to)}, or {@code to}. */
    static int indexOfNewline(byte[] b, int i, int to) {
        while (i + 8 <= to) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES; // a newline becomes a zero byte
            long zero = (x - ONES) & ~x & HIGHS;      // high bit set in each zero byte (exact for the lowest)
            if (zero != 0) return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            i += 8;
        }
        while (i < to && b[i] != '\n') i++;
        return i;
    }
}
