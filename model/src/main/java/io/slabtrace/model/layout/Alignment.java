package io.slabtrace.model.layout;

import static io.slabtrace.model.layout.PageMath.align;

/** Alignment rules common to both allocators ({@code mm/slab_common.c}). */
public final class Alignment {
    /** {@code ARCH_SLAB_MINALIGN} on x86_64: {@code __alignof__(unsigned long long)}. */
    public static final int ARCH_SLAB_MINALIGN = 8;

    private Alignment() {
    }

    /**
     * {@code calculate_alignment}: with HWCACHE_ALIGN start from the cache line and halve it
     * while the object fits in half (40 → 64, 32 → 32, 24 → 32, 16 → 16); then at least
     * ARCH_SLAB_MINALIGN, rounded to a word.
     */
    public static int calculate(boolean hwcache, int align, int size, int cacheLine) {
        if (hwcache) {
            int ralign = cacheLine;
            while (size <= ralign / 2) ralign /= 2;
            align = Math.max(align, ralign);
        }
        align = Math.max(align, ARCH_SLAB_MINALIGN);
        return (int) align(align, Machine.WORD);
    }

    /**
     * The alignment {@code create_boot_cache} gives a kmalloc cache before calculate_alignment:
     * 5.4–6.1 natural for powers of two; 6.12+ the largest power of two dividing the size (96 → 32).
     */
    public static int kmalloc(int size, KernelVersion kernel) {
        int align = 8; // ARCH_KMALLOC_MINALIGN on x86
        if (kernel.atLeast(KernelVersion.V6_12)) return Math.max(align, Integer.lowestOneBit(size));
        if (kernel.atLeast(new KernelVersion(5, 4)) && Integer.bitCount(size) == 1) return Math.max(align, size);
        return align;
    }
}
