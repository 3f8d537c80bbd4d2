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

    /** The largest count (objects, slabs) a row may give: 2^48, past any real machine. */
    public static final long MAX_COUNT = 1L << 48;
    /** The largest slot or object: 64 MiB, a slab of order 10 (MAX_PAGE_ORDER on most architectures) of 64 KiB pages. */
    public static final long MAX_OBJSIZE = 1L << 26;
    /** The largest slab order anywhere (MAX_PAGE_ORDER is 10 on most architectures, at most 15). */
    public static final int MAX_ORDER = 15;
    /** Bytes one cache may account for (objects × objsize, slabs × their bytes): 2^50, a PiB. Sums of 8,192 caches still fit a long. */
    public static final long MAX_BYTES = 1L << 50;
    /** The largest page size any figure is computed with (hexagon and ppc44x have 256 KiB pages). */
    public static final long MAX_PAGE_SIZE = 1L << 18;

    public CacheStats {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Why the row's counts cannot be used, or null: a count past what the kernel prints or what the memory arithmetic
     * ({@link CacheMemory}) can hold in a long. Readers skip such a row with a warning naming the limit.
     */
    public String outOfRange() {
        if (Math.max(Math.max(activeObjs, numObjs), Math.max(Math.max(activeSlabs, numSlabs), sharedavail)) > MAX_COUNT
                || Math.min(Math.min(activeObjs, numObjs), Math.min(Math.min(activeSlabs, numSlabs), sharedavail)) < 0) {
            return "a count (objects, slabs) past the limit of 2^48";
        }
        if (objsize > MAX_OBJSIZE || objperslab > MAX_OBJSIZE || objsize < 0 || objperslab < 0) return "objsize or objperslab past the limit of 2^26";
        if (pagesperslab < 0 || pagesperslab > 1 << MAX_ORDER) return "pagesperslab past the limit of 2^15 (order 15)";
        if (limit < 0 || batchcount < 0 || sharedfactor < 0 || Math.max(limit, Math.max(batchcount, sharedfactor)) > 0xffffffffL) {
            return "a tunable past the limit of 2^32";
        }
        double bytes = Math.max((double) Math.max(activeObjs, numObjs) * objsize, (double) numSlabs * objperslab * objsize);
        if (bytes > MAX_BYTES || (double) numSlabs * pagesperslab * MAX_PAGE_SIZE > MAX_BYTES * 256) {
            return "objects × objsize or slabs × slab size past the limit of 2^50 bytes (1 PiB) per cache";
        }
        return null;
    }

    /** The kernel keeps {@code num_objs == num_slabs * objperslab} unless a slab fell back to a smaller order. */
    public boolean countsConsistent() {
        return numObjs == numSlabs * objperslab;
    }

    public boolean hasTunables() {
        return limit != 0 || batchcount != 0 || sharedfactor != 0;
    }
}
