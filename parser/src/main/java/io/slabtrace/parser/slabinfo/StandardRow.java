package io.slabtrace.parser.slabinfo;

import io.slabtrace.model.CacheStats;
import io.slabtrace.parser.NameTable;
import io.slabtrace.parser.Swar;

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
        int i = from, h = 1;
        for (byte c; i < to && (c = b[i]) > ' '; i++) h = NameTable.hash(h, c); // printable ASCII: the name's hash as it is scanned
        if (i == to || b[i] != ' ') return null;
        int nameEnd = i;
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
