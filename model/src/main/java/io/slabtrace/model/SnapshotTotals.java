package io.slabtrace.model;

/** Sums over every cache of a snapshot, the header line of {@code top}. */
public record SnapshotTotals(
        int caches,
        long activeObjs,
        long numObjs,
        long activeSlabs,
        long numSlabs,
        long memoryBytes,
        long usedBytes,
        long wasteBytes,
        long unaccountedBytes) {

    public static SnapshotTotals of(Snapshot s, long pageSize) {
        long active = 0, objs = 0, activeSlabs = 0, slabs = 0, memory = 0, used = 0, waste = 0, unaccounted = 0;
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
        }
        return new SnapshotTotals(s.caches().size(), active, objs, activeSlabs, slabs, memory, used, waste, unaccounted);
    }

    public double utilization() {
        return numObjs == 0 ? 0.0 : (double) activeObjs / numObjs;
    }
}
