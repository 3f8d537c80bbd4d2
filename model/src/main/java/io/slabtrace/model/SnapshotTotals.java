package io.slabtrace.model;

/**
 * Sums over every cache of a snapshot, the header lines of {@code top}; the last six are slabtop's
 * (procps' slabinfo reader): caches holding an active object, Σ num_objs × objsize (with {@code usedBytes},
 * slabtop's "Active / Total Size": no slab tails, unlike {@code memoryBytes}),
 * and the smallest, average (total size / num_objs) and largest objsize.
 */
public record SnapshotTotals(
        int caches,
        long activeObjs,
        long numObjs,
        long activeSlabs,
        long numSlabs,
        long memoryBytes,
        long usedBytes,
        long wasteBytes,
        long unaccountedBytes,
        int activeCaches,
        long totalSizeBytes,
        long minObjsize,
        long avgObjsize,
        long maxObjsize) {

    public static SnapshotTotals of(Snapshot s, long pageSize) {
        long active = 0, objs = 0, activeSlabs = 0, slabs = 0, memory = 0, used = 0, waste = 0, unaccounted = 0;
        long totalSize = 0, min = Long.MAX_VALUE, max = 0;
        int activeCaches = 0;
        for (CacheStats c : s.caches()) {
            CacheMemory m = CacheMemory.of(c, pageSize);
            active += c.activeObjs();
            objs += c.numObjs();
            activeSlabs += c.activeSlabs();
            slabs += c.numSlabs();
            memory += m.memoryBytes();
            used += m.usedBytes();
            waste += m.wasteBytes();
            unaccounted += m.unaccountedBytes();
            if (c.activeObjs() > 0) activeCaches++;
            totalSize += c.numObjs() * c.objsize();
            min = Math.min(min, c.objsize());
            max = Math.max(max, c.objsize());
        }
        return new SnapshotTotals(s.caches().size(), active, objs, activeSlabs, slabs, memory, used, waste, unaccounted,
                activeCaches, totalSize, s.caches().isEmpty() ? 0 : min, objs == 0 ? 0 : totalSize / objs, max);
    }

    public double utilization() {
        return numObjs == 0 ? 0.0 : (double) activeObjs / numObjs;
    }
}
