package io.slabtrace.model.layout;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The {@code SLAB_*} creation flags that shape a cache, named as the kernel names them without the prefix. */
public enum SlabFlag {
    HWCACHE_ALIGN, RED_ZONE, POISON, STORE_USER, CONSISTENCY_CHECKS, TRACE, TYPESAFE_BY_RCU,
    RECLAIM_ACCOUNT, ACCOUNT, CACHE_DMA, CACHE_DMA32, NOLEAKTRACE, PANIC, NO_MERGE;

    /** {@code SLAB_DEBUG_FLAGS} in {@code mm/slub.c}: any of them turns off CPU slabs and CPU partial lists. */
    public static final Set<SlabFlag> DEBUG = EnumSet.of(RED_ZONE, POISON, STORE_USER, CONSISTENCY_CHECKS, TRACE);

    /** {@code SLAB_NEVER_MERGE} in {@code mm/slab_common.c}. */
    public static final Set<SlabFlag> NEVER_MERGE = EnumSet.of(RED_ZONE, POISON, STORE_USER, TRACE, TYPESAFE_BY_RCU, NOLEAKTRACE, NO_MERGE);

    /** Accepts {@code HWCACHE_ALIGN}, {@code SLAB_HWCACHE_ALIGN}, {@code hwcache_align}, the old {@code DESTROY_BY_RCU} and slub_debug letters. */
    public static SlabFlag parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (t.startsWith("SLAB_")) t = t.substring(5);
        switch (t) {
            case "DESTROY_BY_RCU", "RCU" -> { return TYPESAFE_BY_RCU; }
            case "DEBUG_FREE", "SANITY_CHECKS", "F" -> { return CONSISTENCY_CHECKS; }
            case "Z" -> { return RED_ZONE; }
            case "P" -> { return POISON; }
            case "U" -> { return STORE_USER; }
            case "T" -> { return TRACE; }
            case "HWCACHE", "HW" -> { return HWCACHE_ALIGN; }
            default -> {
                try {
                    return valueOf(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown slab flag '" + text + "' (known: "
                            + java.util.Arrays.toString(values()) + ", or slub_debug letters F Z P U T)");
                }
            }
        }
    }

    public static Set<SlabFlag> parseList(String commaSeparated) {
        EnumSet<SlabFlag> s = EnumSet.noneOf(SlabFlag.class);
        if (commaSeparated == null || commaSeparated.isBlank()) return s;
        for (String part : commaSeparated.split("[,|+ ]+")) if (!part.isBlank()) s.add(parse(part));
        return s;
    }
}
