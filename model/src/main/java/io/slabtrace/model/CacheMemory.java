package io.slabtrace.model;

/**
 * Where a cache's pages go, decomposed so the parts add up on every row:
 * {@code memory_bytes = used_bytes + waste_bytes} and
 * {@code waste_bytes = free_slot_bytes + slab_tail_bytes + unaccounted_bytes}.
 *
 * <ul>
 *   <li>{@code memory_bytes} = num_slabs × pagesperslab × page size: pages the cache holds;</li>
 *   <li>{@code used_bytes} = active_objs × objsize: slots handed out (objsize is the slot, metadata included);</li>
 *   <li>{@code free_slot_bytes} = (num_objs − active_objs) × objsize: slots the cache owns but nobody uses;</li>
 *   <li>{@code slab_tail_bytes} = num_slabs × (pagesperslab × page size − objperslab × objsize):
 *       the end of every slab too small for one more slot (SLAB's on-slab freelist lives there too);</li>
 *   <li>{@code unaccounted_bytes} = (num_slabs × objperslab − num_objs) × objsize: zero when the counts agree;
 *       otherwise the slots the slab count implies but num_objs does not hold (a slab that fell back to a
 *       smaller order in allocate_slab(), or a line read while the counters moved). Negative when num_objs
 *       holds more slots than the slabs can;</li>
 *   <li>{@code waste_bytes} = memory_bytes − used_bytes = free_slot_bytes + slab_tail_bytes + unaccounted_bytes;</li>
 *   <li>{@code utilization} = active_objs / num_objs (0 for an empty cache).</li>
 * </ul>
 * For SLUB {@code active_objs} is an upper bound (free objects in CPU slabs count as active), so
 * {@code used_bytes} and {@code utilization} are upper bounds and {@code waste_bytes} a lower bound.
 */
public record CacheMemory(
        long memoryBytes,
        long usedBytes,
        long freeSlotBytes,
        long slabTailBytes,
        long wasteBytes,
        double utilization,
        long unaccountedBytes) {

    public static final int DEFAULT_PAGE_SIZE = 4096;

    /** Pages the cache holds, in bytes; the one figure a series tracks per snapshot. */
    public static long memoryBytes(CacheStats c, long pageSize) {
        return c.numSlabs() * c.pagesperslab() * pageSize;
    }

    public static CacheMemory of(CacheStats c, long pageSize) {
        long slabBytes = c.pagesperslab() * pageSize;
        long memory = memoryBytes(c, pageSize);
        long used = c.activeObjs() * c.objsize();
        long freeSlots = (c.numObjs() - c.activeObjs()) * c.objsize();
        long tail = c.numSlabs() * (slabBytes - c.objperslab() * c.objsize());
        long unaccounted = (c.numSlabs() * c.objperslab() - c.numObjs()) * c.objsize();
        double util = c.numObjs() == 0 ? 0.0 : (double) c.activeObjs() / c.numObjs();
        // waste is what the pages hold beyond the used slots, whatever the counts say: memory = used + waste on every row
        return new CacheMemory(memory, used, freeSlots, tail, memory - used, util, unaccounted);
    }
}
