package io.slabtrace.parser;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns cache names straight from bytes: a series repeats the same few hundred names, so after
 * the first snapshot a name costs a hash and a compare, not a new String. Open addressing, bounded
 * in size; past the bound names are simply allocated.
 */
public final class NameTable {
    private static final int MAX = 1 << 16;
    private String[] names = new String[1024];
    private byte[][] bytes = new byte[1024][]; // each name's bytes: compared with the JDK's range equality, not char by char
    private int[] hashes = new int[1024];
    private int size;

    public String intern(byte[] b, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            if (b[i] < 0) return new String(b, from, to - from, StandardCharsets.UTF_8);
            h = 31 * h + b[i];
        }
        int mask = names.length - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            String s = names[slot];
            if (s == null) {
                String name = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
                if (size < MAX) {
                    names[slot] = name;
                    bytes[slot] = Arrays.copyOfRange(b, from, to);
                    hashes[slot] = h;
                    if (++size * 2 > names.length) grow();
                }
                return name;
            }
            byte[] known = bytes[slot];
            if (hashes[slot] == h && Arrays.equals(known, 0, known.length, b, from, to)) return s;
        }
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }

    private void grow() {
        String[] oldNames = names;
        byte[][] oldBytes = bytes;
        int[] oldHashes = hashes;
        names = new String[oldNames.length * 2];
        bytes = new byte[oldNames.length * 2][];
        hashes = new int[oldNames.length * 2];
        int mask = names.length - 1;
        for (int i = 0; i < oldNames.length; i++) {
            if (oldNames[i] == null) continue;
            int slot = mix(oldHashes[i]) & mask;
            while (names[slot] != null) slot = (slot + 1) & mask;
            names[slot] = oldNames[i];
            bytes[slot] = oldBytes[i];
            hashes[slot] = oldHashes[i];
        }
        Arrays.fill(oldNames, null);
    }
}
