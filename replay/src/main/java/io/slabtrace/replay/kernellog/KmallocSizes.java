package io.slabtrace.replay.kernellog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kmalloc size classes ({@code kmalloc_info[]} in mm/slab_common.c): which requests a
 * {@code kmalloc-N} cache serves, and which cache a request of N bytes lands in. The 96- and 192-byte
 * classes exist where {@code KMALLOC_MIN_SIZE} allows them (x86 and most 64-bit builds).
 */
public final class KmallocSizes {
    private static final Pattern NAME = Pattern.compile("(?:dma-)?kmalloc(?:-cg|-rcl|-rnd-\\d{1,2})?-(\\d{1,7})(k?)");
    private static final long[] CLASSES = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072,
            262144, 524288, 1048576, 2097152, 4194304};

    /** The largest kmalloc class: a larger request goes to the page allocator. */
    public static final long LARGEST = CLASSES[CLASSES.length - 1];

    /** Requests {@code [min, max]} bytes go to the cache. */
    public record Range(long min, long max) {
    }

    private KmallocSizes() {
    }

    /** The object size a kmalloc cache's name gives ({@code kmalloc-1k} is 1024), or null for another cache. */
    public static Long sizeOf(String cache) {
        if (cache == null) return null;
        Matcher m = NAME.matcher(cache);
        if (!m.matches()) return null;
        long n = Long.parseLong(m.group(1));
        return m.group(2).isEmpty() ? n : n * 1024;
    }

    /** The requests a kmalloc cache of this size serves, or null when the size is no kmalloc class. */
    public static Range requests(long size) {
        for (int i = 0; i < CLASSES.length; i++) {
            if (CLASSES[i] == size) return new Range(i == 0 ? 1 : CLASSES[i - 1] + 1, size);
        }
        return null;
    }

    /** The kmalloc cache a request of {@code bytes} lands in, spelled as the kernel has since 4.20. */
    public static String cacheFor(long bytes) {
        for (long c : CLASSES) {
            if (bytes <= c) return c >= 1024 && c % 1024 == 0 ? "kmalloc-" + c / 1024 + "k" : "kmalloc-" + c;
        }
        return null;
    }
}
