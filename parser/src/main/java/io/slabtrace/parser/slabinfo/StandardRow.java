package io.slabtrace.parser.slabinfo;

import io.slabtrace.model.CacheStats;
import io.slabtrace.parser.NameTable;
import io.slabtrace.parser.Swar;

import java.util.Arrays;

/**
 * The fast path for the row every 2.x kernel prints ({@code get_slabinfo}'s
 * {@code "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu"}):
 * one scan over the bytes, spaces only, no tokens. Anything else — a name with spaces, tabs,
 * statistics or unknown sections, a wrong count — returns null and the general parser, which
 * is the reference, takes the row. {@code SlabinfoParserTest} checks both agree on the corpus.
 */
final class StandardRow {
    private final NameTable names;
    private final long[] v = new long[11];

    StandardRow(NameTable names) {
        this.names = names;
    }

    CacheStats parse(byte[] b, int from, int to) {
        int nameEnd = nameEnd(b, from, to);
        return nameEnd < 0 ? null : columns(b, from, nameEnd, NameTable.hash(b, from, nameEnd), to);
    }

    /**
     * As {@link #parse}, and null also for a row {@link CacheStats#outOfRange() out of range}; a row byte for byte the
     * one this reader last saw of its cache comes back as the same record, not read again. A series repeats most rows
     * unchanged from one snapshot to the next (idle and settled caches: 77, 92 and 97 % of the rows of the three
     * captured series in samples/), so most rows cost a compare of their bytes and no allocation.
     */
    CacheStats usable(byte[] b, int from, int to) {
        int space = Swar.indexOf(b, from, to, (byte) ' ');
        if (space == to) return null;
        int h = NameTable.hash(b, from, space), slot = (h ^ (h >>> 16)) & (SEEN - 1), length = to - from;
        CacheStats seen;
        while ((seen = seenRow[slot]) != null && seenHash[slot] != h) slot = (slot + 1) & (SEEN - 1); // the cache's own slot
        if (seen != null && seenLength[slot] == length && Arrays.equals(seenBytes[slot], 0, length, b, from, to)) return seen;
        if (nameEnd(b, from, space + 1) != space) return null;
        CacheStats row = columns(b, from, space, h, to);
        if (row == null || row.outOfRange() != null) return null;
        if (seen == null && ++seenCaches > SEEN / 2) return row; // a slot per cache name, for the first 512 seen
        byte[] kept = seenBytes[slot];
        if (kept == null || kept.length < length) seenBytes[slot] = kept = new byte[Math.max(length, 128)];
        System.arraycopy(b, from, kept, 0, length);
        seenLength[slot] = length;
        seenRow[slot] = row;
        seenHash[slot] = h;
        return row;
    }

    /** Where the name ends, at a space after printable ASCII (no tab, no control byte, no UTF-8), else -1. */
    private static int nameEnd(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] > ' ') i++;
        return i < to && b[i] == ' ' ? i : -1;
    }

    /**
     * The last row seen of each cache, in a slot found by its name's hash (a kernel has a few hundred caches): open
     * addressing, as one slot shared by two names would miss every time. Two names of one hash take turns in one slot.
     */
    private static final int SEEN = 1 << 10;
    private final int[] seenHash = new int[SEEN];
    private int seenCaches;
    private final byte[][] seenBytes = new byte[SEEN][];
    private final int[] seenLength = new int[SEEN];
    private final CacheStats[] seenRow = new CacheStats[SEEN];

    /** The columns after the name {@code b[from, nameEnd)}, whose {@link NameTable#hash} is {@code h}. */
    private CacheStats columns(byte[] b, int from, int nameEnd, int h, int to) {
        int i = nameEnd;
        int n = 0;
        // five numbers, ": tunables", three numbers, ": slabdata", three numbers
        for (int section = 0; section < 3; section++) {
            int want = section == 0 ? 5 : 3;
            if (section > 0) {
                i = skipSpaces(b, i, to);
                if (i + 1 >= to || b[i] != ':' || b[i + 1] != ' ') return null;
                i = skipSpaces(b, i + 1, to);
                i = word(b, i, to, section == 1 ? TUNABLES : SLABDATA);
                if (i < 0) return null;
            }
            for (int k = 0; k < want; k++) {
                i = skipSpaces(b, i, to);
                if (i == to) return null;
                byte c = b[i];
                if (c < '0' || c > '9') return null;
                long x = 0;
                int start = i;
                while (i < to && (c = b[i]) >= '0' && c <= '9') {
                    x = x * 10 + (c - '0');
                    i++;
                }
                if (i - start > 18 || (i < to && b[i] != ' ')) return null;
                v[n++] = x;
            }
        }
        if (skipSpaces(b, i, to) != to) return null;
        String name = names.interned(b, from, nameEnd, h);
        return new CacheStats(name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], false, null);
    }

    private static final long TUNABLES = Swar.word("tunables"), SLABDATA = Swar.word("slabdata");

    /** A plain loop: the padding between columns is one to six spaces, too short for an eight-byte scan to pay. */
    private static int skipSpaces(byte[] b, int i, int to) {
        while (i < to && b[i] == ' ') i++;
        return i;
    }

    /** {@code w} (eight letters, as one long) and a space at {@code i}: one compare, not eight. */
    private static int word(byte[] b, int i, int to, long w) {
        if (to - i < 9 || Swar.longAt(b, i) != w) return -1;
        return b[i + 8] == ' ' ? i + 8 : -1;
    }
}
