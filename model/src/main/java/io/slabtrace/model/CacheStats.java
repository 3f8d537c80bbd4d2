package io.slabtrace.model;

import java.util.Objects;

/**
 * One cache line of {@code /proc/slabinfo}, in the kernel's own column names.
 *
 * <p>Counts are what the kernel printed (see {@code get_slabinfo} in {@code mm/slab_common.c}):
 * for SLUB {@code active_objs} includes free objects of CPU slabs and CPU partial lists, for SLAB
 * it includes objects parked in per-CPU arrays. Columns a format lacks are 0 (tunables of SLUB,
 * {@code objperslab} of version 1.1, which {@link #objperslabDerived()} tells apart).
 *
 * @param debug the CONFIG_DEBUG_SLAB {@code globalstat}/{@code cpustat} columns, or null
 */
public record CacheStats(
        String name,
        long activeObjs,
        long numObjs,
        long objsize,
        long objperslab,
        long pagesperslab,
        long limit,
        long batchcount,
        long sharedfactor,
        long activeSlabs,
        long numSlabs,
        long sharedavail,
        boolean objperslabDerived,
        SlabDebugStats debug) {

    public CacheStats {
        Objects.requireNonNull(name, "name");
    }

    /** The kernel keeps {@code num_objs == num_slabs * objperslab} unless a slab fell back to a smaller order. */
    public boolean countsConsistent() {
        return numObjs == numSlabs * objperslab;
    }

    public boolean hasTunables() {
        return limit != 0 || batchcount != 0 || sharedfactor != 0;
    }
}
