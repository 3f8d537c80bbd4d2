package io.slabtrace.model;

/**
 * Where a cache's pages go, decomposed so the parts add up:
 * {@code memory_bytes = used_bytes + free_slot_bytes + slab_tail_bytes}.
 *
 * <ul>
 *   <li>{@code memory_bytes} = num_slabs × pagesperslab × page size: pages the cache holds;</li>
 *   <li>{@code used_bytes} = active_objs × objsize: slots handed out (objsize is the slot, metadata included);</li>
 *   <li>{@code free_slot_bytes} = (num_objs − active_objs) × objsize: slots the cache owns but nobody uses;</li>
 *   <li>{@code slab_tail_bytes} = num_slabs × (pagesperslab × page size − objperslab × objsize):
 *       the end of every slab too small for one more slot (SLAB's on-slab freelist lives there too);</li>
 *   <li>{@code waste_bytes} = free_slot_bytes + slab_tail_bytes;</li>
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
        double utilization) {

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
        double util = c.numObjs() == 0 ? 0.0 : (double) c.activeObjs() / c.numObjs();
        return new CacheMemory(memory, used, freeSlots, tail, freeSlots + tail, util);
    }
}
