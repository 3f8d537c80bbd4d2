package io.slabtrace.replay.explain;

/**
 * What a cache holds now, decomposed. Fields that the input cannot give are null: without the
 * object size (slabinfo only) objects and metadata cannot be told apart; node-partial and CPU
 * figures need sysfs.
 *
 * @param objectsInUse       sysfs {@code objects} or slabinfo {@code active_objs}
 * @param inUseIsUpperBound  SLUB counts free objects of CPU slabs (and CPU partial slabs) as in use
 * @param objectBytes        objects in use × object size
 * @param metadataBytes      objects in use × (slot − object size): alignment, free pointer, debug data
 * @param freeSlotBytes      free slots the counters show (node partial lists for SLUB, all for SLAB)
 * @param cpuSlabs           CPU slabs plus CPU partial slabs (sysfs {@code cpu_slabs})
 * @param cpuPartialSlabs    slabs on CPU partial lists (sysfs {@code slabs_cpu_partial})
 */
public record Usage(long memoryBytes, long slabs, long totalObjects, long objectsInUse, boolean inUseIsUpperBound,
                    Long objectBytes, Long metadataBytes, long freeSlotObjects, long freeSlotBytes, long slabTailBytes,
                    Long cpuSlabs, Long cpuPartialSlabs, Long sharedavail) {

    public double utilization() {
        return totalObjects == 0 ? 0 : (double) objectsInUse / totalObjects;
    }
}
