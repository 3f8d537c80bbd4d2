package io.slabtrace.model;

import java.util.Collection;
import java.util.Locale;

/** The kernel's object allocator behind a capture. SLOB never wrote {@code /proc/slabinfo}. */
public enum Allocator {
    SLAB, SLUB, UNKNOWN;

    /**
     * SLUB prints tunables {@code 0 0 0} and {@code active_slabs == num_slabs} everywhere
     * ({@code get_slabinfo} in {@code mm/slub.c}); classic SLAB prints its real {@code limit},
     * {@code batchcount} and {@code sharedfactor} for every cache (limit is at least 1).
     * Version 1.x was SLAB only (Linux 2.4). The majority decides, so a hand-edited line does not.
     */
    public static Allocator detect(SlabinfoFormat format, Collection<CacheStats> caches) {
        if (format.isV1()) return SLAB;
        if (caches.isEmpty()) return UNKNOWN;
        int withTunables = 0;
        boolean slabsAlwaysActive = true;
        for (CacheStats c : caches) {
            if (c.hasTunables()) withTunables++;
            else slabsAlwaysActive &= c.activeSlabs() == c.numSlabs();
        }
        if (withTunables * 2 > caches.size()) return SLAB;
        return slabsAlwaysActive ? SLUB : UNKNOWN;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
