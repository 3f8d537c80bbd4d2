package io.slabtrace.parser.ringbuffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns short strings read from record bytes (cache names): one String per distinct name, found
 * again by hashing the bytes, so a trace of a million events does not build a million Strings.
 * Open addressing, grows at half full. Not thread-safe.
 */
final class ByteStrings {
    private byte[][] keys = new byte[64][];
    private String[] values = new String[64];
    private int size;

    String get(ByteBuffer b, int from, int length) {
        int h = 1;
        for (int i = 0; i < length; i++) h = 31 * h + b.get(from + i);
        int mask = keys.length - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            byte[] k = keys[slot];
            if (k == null) break;
            if (k.length == length && same(k, b, from)) return values[slot];
        }
        byte[] k = new byte[length];
        for (int i = 0; i < length; i++) k[i] = b.get(from + i);
        String v = new String(k, StandardCharsets.ISO_8859_1);
        put(k, v, h);
        return v;
    }

    private void put(byte[] k, String v, int h) {
        if (2 * (size + 1) > keys.length) grow();
        int mask = keys.length - 1;
        int slot = mix(h) & mask;
        while (keys[slot] != null) slot = (slot + 1) & mask;
        keys[slot] = k;
        values[slot] = v;
        size++;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        keys = new byte[oldKeys.length * 2][];
        values = new String[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != null) put(oldKeys[i], oldValues[i], Arrays.hashCode(oldKeys[i]));
    }

    private static boolean same(byte[] k, ByteBuffer b, int from) {
        for (int i = 0; i < k.length; i++) if (k[i] != b.get(from + i)) return false;
        return true;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }
}
