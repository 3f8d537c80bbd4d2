package io.slabtrace.parser;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns names (caches, call sites, GFP flags) straight from bytes: a series or trace repeats the same few hundred, so
 * after the first sighting a name costs a hash and a compare, not a new String. One table serves every worker of a
 * read, so a name is one String whichever thread met it: the reading thread compares names by identity first, and
 * misses that test whenever two workers made two copies. Hits take no lock: an entry's fields are final, so a worker
 * that sees the entry sees it whole; a miss takes the lock and looks again before adding. Open addressing, bounded in
 * size; past the bound names are simply allocated.
 */
public final class NameTable {
    private static final int MAX = 1 << 16;

    private record Entry(String name, byte[] bytes, int hash) {
    }

    private volatile Entry[] entries = new Entry[1024];
    private int size; // guarded by this

    public String intern(byte[] b, int from, int to) {
        long h = to - from, seen = 0;
        int i = from;
        for (long x; i + 8 <= to; i += 8) {
            seen |= x = Swar.longAt(b, i);
            h = (h ^ x) * MIX;
        }
        if (i < to) {
            long x = rest(b, from, i, to);
            seen |= x;
            h = (h ^ x) * MIX;
        }
        if ((seen & HIGHS) != 0) return new String(b, from, to - from, StandardCharsets.UTF_8); // not ASCII: not kept
        return interned(b, from, to, (int) (h ^ (h >>> 32)));
    }

    /** As {@link #intern}, for ASCII bytes whose {@link #hash} the caller took. */
    public String interned(byte[] b, int from, int to, int hash) {
        String known = find(entries, hash, b, from, to);
        return known != null ? known : add(hash, b, from, to);
    }

    private static final long HIGHS = 0x8080808080808080L, MIX = 0x9e3779b97f4a7c15L;

    /**
     * The hash {@link #interned} wants, taken eight bytes at a time: names and call sites run to 20-40 bytes, and the
     * quick JIT the launcher uses compiles a loop over bytes as a bounds-checked load and a multiply per byte.
     */
    public static int hash(byte[] b, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + 8 <= to; i += 8) h = (h ^ Swar.longAt(b, i)) * MIX;
        if (i < to) h = (h ^ rest(b, from, i, to)) * MIX;
        return (int) (h ^ (h >>> 32));
    }

    /** The last {@code to - i < 8} bytes as one little-endian long: one read ending at {@code to} when the name is that long. */
    private static long rest(byte[] b, int from, int i, int to) {
        if (to - from >= 8) return Swar.longAt(b, to - 8) >>> (8 * (8 - (to - i)));
        long x = 0;
        for (int k = to - 1; k >= i; k--) x = x << 8 | (b[k] & 0xff);
        return x;
    }

    private static String find(Entry[] table, int h, byte[] b, int from, int to) {
        int mask = table.length - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            Entry e = table[slot];
            if (e == null) return null;
            // each name's own bytes compared with the JDK's range equality, not char by char
            if (e.hash == h && Arrays.equals(e.bytes, 0, e.bytes.length, b, from, to)) return e.name;
        }
    }

    private synchronized String add(int h, byte[] b, int from, int to) {
        Entry[] table = entries;
        String known = find(table, h, b, from, to); // another worker may have added it since
        if (known != null) return known;
        String name = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        if (size >= MAX) return name;
        if ((size + 1) * 2 > table.length) table = grown(table);
        put(table, new Entry(name, Arrays.copyOfRange(b, from, to), h));
        size++;
        entries = table;
        return name;
    }

    private static void put(Entry[] table, Entry e) {
        int mask = table.length - 1;
        int slot = mix(e.hash) & mask;
        while (table[slot] != null) slot = (slot + 1) & mask;
        table[slot] = e;
    }

    private static Entry[] grown(Entry[] old) {
        Entry[] table = new Entry[old.length * 2];
        for (Entry e : old) if (e != null) put(table, e);
        return table;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }
}
