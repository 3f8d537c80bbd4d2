package io.slabtrace.parser.ringbuffer;

/**
 * A long-to-String cache for values met on every record (call site addresses, flag words): open addressing
 * with a multiplicative hash, no boxing. A HashMap of Long keys was the decoder's hottest spot: kernel
 * addresses share their high bits, and Long's hash (high XOR low) left them colliding into tree bins.
 */
final class LongStringMap {
    private long[] keys = new long[64];
    private String[] values = new String[64];
    private int size;

    String get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            String v = values[i];
            if (v == null || keys[i] == key) return v;
        }
    }

    void put(long key, String value) {
        if (2 * (size + 1) > keys.length) grow();
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null && keys[i] != key) i = (i + 1) & mask;
        if (values[i] == null) size++;
        keys[i] = key;
        values[i] = value;
    }

    private void grow() {
        long[] k = keys;
        String[] v = values;
        keys = new long[k.length * 2];
        values = new String[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) if (v[i] != null) put(k[i], v[i]);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
