package io.slabtrace.replay.trace;

import io.slabtrace.model.trace.KmemEvent;

import java.util.function.UnaryOperator;

/**
 * Which kmalloc cache served a {@code kmalloc} event: the size class is {@code bytes_alloc}; the
 * family follows the GFP flags ({@code kmalloc_type}): accounted → {@code kmalloc-cg-},
 * {@code __GFP_RECLAIMABLE} → {@code kmalloc-rcl-}, {@code GFP_DMA} → {@code dma-kmalloc-}. The
 * name spelling ({@code kmalloc-1k} or {@code kmalloc-1024}) follows the caches the snapshot has.
 */
final class KmallocCaches {
    private KmallocCaches() {
    }

    /**
     * The cache's name, or null when the request was too large for a slab (SLUB's kmalloc_large goes to
     * the page allocator). {@code known} gives the name a cache goes by in the snapshot (itself, or the
     * cache a merged one is an alias of), or null for a cache the snapshot does not show.
     */
    static String of(KmemEvent e, UnaryOperator<String> known, long largestSlot) {
        long size = e.bytesAlloc();
        if (size <= 0 || size > largestSlot) return null;
        String gfp = e.gfpFlags() == null ? "" : e.gfpFlags();
        long raw = raw(gfp);
        String family = (raw >= 0 ? (raw & GFP_DMA) != 0 : dmaZone(gfp)) ? "dma-kmalloc-"
                : (raw >= 0 ? (raw & GFP_RECLAIMABLE) != 0 : gfp.contains("RECLAIMABLE")) ? "kmalloc-rcl-"
                : Boolean.TRUE.equals(e.accounted()) || gfp.contains("ACCOUNT") ? "kmalloc-cg-" : "kmalloc-";
        String name = named(family, size, known);
        if (name == null && !family.equals("kmalloc-")) name = named("kmalloc-", size, known); // no memcg, no DMA zone: plain kmalloc
        return name != null ? name : spelled(family, size);
    }

    /** __GFP_DMA among symbolic flags: GFP_DMA32 (another zone, which kmalloc_type() leaves to plain kmalloc) is not it. */
    private static boolean dmaZone(String gfp) {
        for (String flag : gfp.split("\\|")) if (flag.equals("GFP_DMA") || flag.equals("__GFP_DMA")) return true;
        return false;
    }

    /**
     * ___GFP_DMA and ___GFP_RECLAIMABLE (include/linux/gfp_types.h): the zone and mobility bits have kept these values
     * since 2.6; the higher bits (__GFP_ACCOUNT among them) moved between releases, so a raw value decides only these two
     * and the tracepoint's own {@code accounted} field decides the memcg family.
     */
    private static final long GFP_DMA = 0x01, GFP_RECLAIMABLE = 0x10;

    /** gfp_flags printed as a number ({@code trace-cmd report -R}: {@code 0xcc0}), or -1 when printed as names. */
    private static long raw(String gfp) {
        if (!gfp.startsWith("0x") || gfp.length() > 18) return -1;
        try {
            return Long.parseUnsignedLong(gfp.substring(2), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The family's cache of this size as the snapshot names it ({@code kmalloc-1k} or {@code kmalloc-1024}), or null. */
    private static String named(String family, long size, UnaryOperator<String> known) {
        String shortName = known.apply(spelled(family, size));
        return shortName != null ? shortName : known.apply(family + size);
    }

    /** The kernel's own spelling since 4.20: sizes of whole KiB as {@code 1k}. */
    private static String spelled(String family, long size) {
        return size >= 1024 && size % 1024 == 0 ? family + (size / 1024) + "k" : family + size;
    }
}
