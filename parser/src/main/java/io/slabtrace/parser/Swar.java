package io.slabtrace.parser;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte search eight bytes at a time ("SIMD within a register"): a series or trace is ~100-byte lines, and finding their
 * ends (or a trace line's separators) is a pass over every byte. The scan reads a long, turns the byte looked for
 * into zero bytes, and finds the first.
 */
public final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Swar() {
    }

    private static final long DE_BRUIJN = 0x03f79d71b4cb0a89L;
    private static final byte[] BYTE_OF_BIT = byteOfBit();

    /**
     * Which byte (0 to 7, little-endian) holds the lowest set bit of {@code x != 0}. Not Long.numberOfTrailingZeros:
     * the quick JIT the launcher uses compiles that as two calls, not one instruction; this is a multiply and a load.
     */
    static int lowestByte(long x) {
        return BYTE_OF_BIT[(int) (((x & -x) * DE_BRUIJN) >>> 58)];
    }

    private static byte[] byteOfBit() {
        byte[] t = new byte[64];
        for (int bit = 0; bit < 64; bit++) t[(int) (((1L << bit) * DE_BRUIJN) >>> 58)] = (byte) (bit >>> 3);
        return t;
    }

    /** The index of the first newline in {@code [i, to)}, or {@code to}. */
    static int indexOfNewline(byte[] b, int i, int to) {
        return indexOf(b, i, to, NEWLINES);
    }

    /** The index of the first {@code c} in {@code [i, to)}, or {@code to}. */
    public static int indexOf(byte[] b, int i, int to, byte c) {
        return indexOf(b, i, to, ONES * (c & 0xff));
    }

    private static int indexOf(byte[] b, int i, int to, long pattern) {
        byte c = (byte) pattern;
        while (i + 8 <= to) {
            long x = (long) LONGS.get(b, i) ^ pattern; // the byte looked for becomes a zero byte
            long zero = (x - ONES) & ~x & HIGHS;      // high bit set in each zero byte (exact for the lowest)
            if (zero != 0) return i + lowestByte(zero);
            i += 8;
        }
        while (i < to && b[i] != c) i++;
        return i;
    }

    /** The eight bytes at {@code i} as one little-endian long; the caller has checked that they are there. */
    public static long longAt(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** An eight-letter ASCII word as {@link #longAt} reads it. */
    public static long word(String letters) {
        byte[] b = letters.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (b.length != 8) throw new IllegalArgumentException("not eight letters: " + letters);
        return longAt(b, 0);
    }
}
