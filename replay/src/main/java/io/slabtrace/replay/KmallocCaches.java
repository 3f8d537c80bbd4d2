package io.slabtrace.replay;

import io.slabtrace.model.trace.KmemEvent;

import java.util.Set;

/**
 * Which kmalloc cache served a {@code kmalloc} event: the size class is {@code bytes_alloc}; the
 * family follows the GFP flags ({@code kmalloc_type}): accounted → {@code kmalloc-cg-},
 * {@code __GFP_RECLAIMABLE} → {@code kmalloc-rcl-}, {@code GFP_DMA} → {@code dma-kmalloc-}. The
 * name spelling ({@code kmalloc-1k} or {@code kmalloc-1024}) follows the caches the snapshot has.
 */
final class KmallocCaches {
    private KmallocCaches() {
    }

    /** The cache's name, or null when the request was too large for a slab (SLUB's kmalloc_large goes to the page allocator). */
    static String of(KmemEvent e, Set<String> known, long largestSlot) {
        long size = e.bytesAlloc();
        if (size <= 0 || size > largestSlot) return null;
        String gfp = e.gfpFlags() == null ? "" : e.gfpFlags();
        String family = gfp.contains("GFP_DMA") ? "dma-kmalloc-"
                : gfp.contains("RECLAIMABLE") ? "kmalloc-rcl-"
                : Boolean.TRUE.equals(e.accounted()) || gfp.contains("ACCOUNT") ? "kmalloc-cg-" : "kmalloc-";
        String plain = family + size;
        String shortName = size >= 1024 && size % 1024 == 0 ? family + (size / 1024) + "k" : plain;
        if (known.contains(shortName)) return shortName;
        if (known.contains(plain)) return plain;
        if (!family.equals("kmalloc-")) { // the kernel may not have this family (no memcg): plain kmalloc
            String p2 = "kmalloc-" + size, s2 = size >= 1024 && size % 1024 == 0 ? "kmalloc-" + (size / 1024) + "k" : p2;
            if (known.contains(s2)) return s2;
            if (known.contains(p2)) return p2;
        }
        return known.isEmpty() || shortName.equals(plain) ? shortName : shortName;
    }
}
