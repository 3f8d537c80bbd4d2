package io.slabtrace.parser;

import io.slabtrace.model.CacheStats;

/**
 * Decimal numbers as the readers meet them: range-checked where they are parsed, so a count cannot exceed what the
 * arithmetic after it can hold. Never throws: a value that is not a number, or past its limit, is -1 and the caller
 * reports the line.
 */
public final class Decimal {
    /**
     * The largest count (objects, slabs, events) any reader accepts: 2^48, far past any real machine (a 64 TiB
     * machine holds 2^40 8-byte objects) and small enough that a count times a size of up to 2^14 bytes, or a sum of
     * 2^14 counts, still fits in a long.
     */
    public static final long MAX_COUNT = CacheStats.MAX_COUNT;

    private Decimal() {
    }

    /** {@code s} as a non-negative number of at most {@code max}, or -1. */
    public static long parse(CharSequence s, long max) {
        int n = s.length();
        if (n == 0 || n > 19) return -1;
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0'); // 19 digits fit below 2^63 only up to 9.2e18: checked below
            if (v > max || v < 0) return -1;
        }
        return v;
    }

    /** A number of at most 2^62 (a size, an offset, a pid as a report prints it), or null when past it. */
    public static Long boxedLong(CharSequence s) {
        long v = parse(s, 1L << 62);
        return v < 0 ? null : v;
    }

    /** A number that fits an int, or null. */
    public static Integer boxedInt(CharSequence s) {
        long v = parse(s, Integer.MAX_VALUE);
        return v < 0 ? null : (int) v;
    }

    /** A number of at most 2^62, or 0 when past it (the figure is then left out as if not printed). */
    public static long orZero(CharSequence s) {
        return Math.max(0, parse(s, 1L << 62));
    }

    /** The words of a warning for a value past {@link #MAX_COUNT}. */
    public static String outOfRange() {
        return "a number past the limit of " + MAX_COUNT + " (2^48); line skipped";
    }
}
